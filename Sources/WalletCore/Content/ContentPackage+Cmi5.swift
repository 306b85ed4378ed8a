import CoursePackage

/// A stored package's course structure in the values the cmi5 launch and satisfaction code takes
/// (`Cmi5Course`, `Cmi5AssignableUnit`, `Cmi5Block`), so a launch is built from what was imported.
///
/// ```swift
/// if let launch = try library.assignableUnit(id: auId) {
///     let course = launch.package.cmi5Course     // every AU, every block with all AUs inside it
///     let unit = launch.cmi5Unit                  // id, url, moveOn, masteryScore, launchMethod, …
/// }
/// ```
extension ContentPackage {
    public var cmi5Course: Cmi5Course {
        var blocks: [Cmi5Block] = []
        /// The AU ids inside `items`, nested blocks included; each block met on the way is recorded.
        func unitIDs(_ items: [CourseItem]) -> [String] {
            items.flatMap { item -> [String] in
                switch item {
                case .au(let unit): return [unit.id]
                case .block(let block):
                    let inside = unitIDs(block.items)
                    blocks.append(Cmi5Block(id: block.id, unitIDs: inside))
                    return inside
                }
            }
        }
        _ = unitIDs(structure.items)
        return Cmi5Course(id: structure.course.id, units: structure.assignableUnits.map(\.cmi5Unit), blocks: blocks)
    }
}

extension AssignableUnitLaunch {
    /// The unit as `Cmi5Launch` takes it.
    public var cmi5Unit: Cmi5AssignableUnit { unit.cmi5Unit }
}

extension AssignableUnitNode {
    /// The values a launch needs, from the imported course structure.
    public var cmi5Unit: Cmi5AssignableUnit {
        Cmi5AssignableUnit(id: id, url: url, moveOn: Cmi5MoveOn(rawValue: moveOn.rawValue) ?? .notApplicable, masteryScore: masteryScore,
                           launchMethod: launchMethod.rawValue, launchParameters: launchParameters, entitlementKey: entitlementKey)
    }
}
