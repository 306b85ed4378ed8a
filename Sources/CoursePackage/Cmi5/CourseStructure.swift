/// A cmi5 course structure (cmi5 spec section 13, `cmi5.xml`): the course, and its blocks and
/// assignable units (AUs) in order, blocks nesting. Made by ``Cmi5Parser`` from a package's
/// `cmi5.xml`; walletd keeps it as JSON with the package, for launching AUs and for the course's
/// and blocks' move-on (satisfied) rules.
///
/// ```swift
/// let structure = try Cmi5Parser.parse(xmlBytes)
/// for au in structure.assignableUnits { print(au.id, au.url, au.moveOn) }
/// ```
public struct CourseStructure: Codable, Sendable, Equatable {
    public var course: CourseNode
    public var items: [CourseItem]

    public init(course: CourseNode, items: [CourseItem]) {
        self.course = course
        self.items = items
    }

    /// Every AU in document order, blocks flattened.
    public var assignableUnits: [AssignableUnitNode] {
        var found: [AssignableUnitNode] = []
        func walk(_ items: [CourseItem]) {
            for item in items {
                switch item {
                case .au(let au): found.append(au)
                case .block(let block): walk(block.items)
                }
            }
        }
        walk(items)
        return found
    }
}

/// The course element: its IRI and its title and description per language.
///
/// ```swift
/// structure.course.title.first?.text   // "Food hygiene: personal hygiene"
/// ```
public struct CourseNode: Codable, Sendable, Equatable {
    public var id: String
    public var title: [LangString]
    public var description: [LangString]

    public init(id: String, title: [LangString], description: [LangString]) {
        self.id = id
        self.title = title
        self.description = description
    }
}

/// A block: a group of AUs and blocks with its own move-on (all its children satisfied).
///
/// ```swift
/// if case .block(let block) = structure.items[0] { print(block.id, block.items.count) }
/// ```
public struct BlockNode: Codable, Sendable, Equatable {
    public var id: String
    public var title: [LangString]
    public var description: [LangString]
    public var items: [CourseItem]

    public init(id: String, title: [LangString], description: [LangString], items: [CourseItem]) {
        self.id = id
        self.title = title
        self.description = description
        self.items = items
    }
}

/// One child of the course or of a block. JSON: `{"au": {…}}` or `{"block": {…}}`.
///
/// ```swift
/// switch item { case .au(let au): print(au.url); case .block(let block): print(block.id) }
/// ```
public indirect enum CourseItem: Codable, Sendable, Equatable {
    case au(AssignableUnitNode)
    case block(BlockNode)

    private enum Keys: String, CodingKey { case au, block }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        if let au = try container.decodeIfPresent(AssignableUnitNode.self, forKey: .au) { self = .au(au); return }
        self = .block(try container.decode(BlockNode.self, forKey: .block))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .au(let au): try container.encode(au, forKey: .au)
        case .block(let block): try container.encode(block, forKey: .block)
        }
    }
}

/// An assignable unit: what the LMS launches, with the rules its results are judged by.
///
/// ```swift
/// au.url          // "index.html?lang=en" as written in cmi5.xml (relative to the package)
/// au.launchPath   // "index.html": the file in the package it names
/// ```
public struct AssignableUnitNode: Codable, Sendable, Equatable {
    public var id: String
    public var title: [LangString]
    public var description: [LangString]
    /// As written in cmi5.xml: a relative URL, perhaps with a query the launch keeps.
    public var url: String
    /// The package file the url names (percent-decoded path, no query or fragment).
    public var launchPath: String
    public var launchMethod: LaunchMethod
    public var moveOn: MoveOn
    /// 0…1; the scaled score a passed result must reach.
    public var masteryScore: Double?
    public var launchParameters: String?
    public var entitlementKey: String?
    public var activityType: String?

    public init(id: String, title: [LangString], description: [LangString], url: String, launchPath: String,
                launchMethod: LaunchMethod, moveOn: MoveOn, masteryScore: Double?, launchParameters: String?,
                entitlementKey: String?, activityType: String?) {
        self.id = id
        self.title = title
        self.description = description
        self.url = url
        self.launchPath = launchPath
        self.launchMethod = launchMethod
        self.moveOn = moveOn
        self.masteryScore = masteryScore
        self.launchParameters = launchParameters
        self.entitlementKey = entitlementKey
        self.activityType = activityType
    }
}

/// A text in one language (`<langstring lang="nl">…</langstring>`).
///
/// ```swift
/// LangString.pick(au.title, for: ["nl", "en"])   // the Dutch title, else English, else the first
/// ```
public struct LangString: Codable, Sendable, Equatable, Hashable {
    public var lang: String
    public var text: String

    public init(lang: String, text: String) {
        self.lang = lang
        self.text = text
    }

    /// The text in the first language of `preferred` that has one (by primary subtag too:
    /// "nl" matches "nl-BE"), else the first text, else nil.
    public static func pick(_ texts: [LangString], for preferred: [String]) -> String? {
        for wanted in preferred.map({ $0.lowercased() }) {
            if let exact = texts.first(where: { $0.lang.lowercased() == wanted }) { return exact.text }
            let primary = wanted.split(separator: "-").first.map(String.init) ?? wanted
            if let near = texts.first(where: { ($0.lang.lowercased().split(separator: "-").first.map(String.init) ?? "") == primary }) {
                return near.text
            }
        }
        return texts.first?.text
    }
}

/// How an AU is opened (cmi5 §13.1.4): in any window the LMS chooses, or in its own.
public enum LaunchMethod: String, Codable, Sendable, CaseIterable {
    case anyWindow = "AnyWindow"
    case ownWindow = "OwnWindow"
}

/// What an AU must report for the LMS to count it satisfied (cmi5 §13.1.4).
public enum MoveOn: String, Codable, Sendable, CaseIterable {
    case passed = "Passed"
    case completed = "Completed"
    case completedAndPassed = "CompletedAndPassed"
    case completedOrPassed = "CompletedOrPassed"
    case notApplicable = "NotApplicable"
}
