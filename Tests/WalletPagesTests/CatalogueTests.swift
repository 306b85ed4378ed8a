import Testing
@testable import PageText

@Suite struct CatalogueTests {
    @Test func everyLanguageHasEveryTextWithTheSamePlaceholders() {
        #expect(Catalogue.problems() == [])
    }

    @Test func placeholdersAreFilledAndUnknownOnesKept() {
        #expect(Words.fill("Hello {name}, {count} new", ["name": "Ana", "count": "3"]) == "Hello Ana, 3 new")
        #expect(Words.fill("{missing} stays", [:]) == "{missing} stays")
        #expect(Words.fill("{name", ["name": "x"]) == "{name")
    }

    @Test func countsChooseSingularOrPlural() {
        let words = PageLanguage.english.words
        #expect(words.count(1, one: .syncPendingOne, many: .syncPendingMany) == "1 result waits to be sent.")
        #expect(words.count(3, one: .syncPendingOne, many: .syncPendingMany) == "3 results wait to be sent.")
        #expect(PageLanguage.dutch.words.ago(seconds: 600) == "10 minuten geleden")
        #expect(words.ago(seconds: 30) == "just now")
        #expect(words.ago(seconds: 7_200) == "2 hours ago")
    }

    @Test(arguments: [
        (nil as String?, nil as String?, PageLanguage.english),
        (nil, "nl-BE,nl;q=0.9,en;q=0.5", .dutch),
        (nil, "en-GB,en;q=0.9,nl;q=0.8", .english),
        (nil, "fr-FR, nl;q=0.4", .dutch),
        (nil, "de, fr", .english),
        (nil, "nl;q=0, en;q=0.1", .english),
        ("nl", "en", .dutch),
        ("xx", "nl", .dutch),
        (nil, "NL", .dutch),
        (nil, "en;q=0.5, nl;q=0.8", .dutch),
    ])
    func languageIsTheChoiceThenTheBrowsersBestThenEnglish(choice: String?, header: String?, expected: PageLanguage) {
        #expect(PageLanguage.negotiate(choice: choice, acceptLanguage: header) == expected)
    }

    @Test func aLongHeaderIsReadBoundedAndNeverTraps() {
        let header = String(repeating: "xx;q=0.5,", count: 10_000) + "nl"
        #expect(PageLanguage.negotiate(acceptLanguage: header) == .english)
        #expect(PageLanguage.negotiate(acceptLanguage: ";;;,,,q=,=;") == .english)
    }
}
