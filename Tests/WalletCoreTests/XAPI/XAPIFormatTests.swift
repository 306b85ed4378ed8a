import Testing
@testable import WalletCore

@Suite("xAPI string formats")
struct XAPIFormatTests {
    @Test("language tags", arguments: [
        ("en", true), ("en-US", true), ("zh-Hant", true), ("zh-Hans-CN", true), ("sr-Latn-RS", true), ("es-419", true),
        ("cmn", true), ("tlh", true), ("de-CH-1996", true), ("sl-rozaj-biske", true), ("en-US-x-twain", true),
        ("x-whatever", true), ("i-klingon", true), ("en-GB-oed", true), ("zh-min-nan", true), ("qaa-Qaaa-QM-x-southern", true),
        ("en-a-bbb-x-a-ccc", true), ("zh-yue-HK", true), ("EN-us", true),
        ("", false), ("something", false), ("a12345", false), ("en-", false), ("-en", false), ("en--US", false),
        ("en_US", false), ("e", false), ("en-US-a", false), ("zh-z-aaa-z-bbb-c-ccc", false), ("x", false),
        ("en-verylongsubtag", false), ("12-US", false), ("en-US ", false), ("é", false),
    ])
    func languageTag(_ tag: String, _ valid: Bool) {
        #expect(XAPIFormat.isLanguageTag(tag) == valid)
    }

    @Test("ISO 8601 durations", arguments: [
        ("PT1H0M0S", true), ("P3Y1M29DT4H35M59.14S", true), ("P4W", true), ("PT16559.14S", true), ("P1D", true),
        ("PT0,5S", true), ("P0D", true), ("P1Y2M", true), ("PT36H", true), ("P1DT12H", true),
        ("P", false), ("PT", false), ("P1DT", false), ("P4W1D", false), ("PA1H0M0S", false), ("PT1H30", false),
        ("P1.5Y2M", false), ("PT1S1M", false), ("P1M1Y", false), ("-P1D", false), ("P-1D", false), ("pt1h", false),
        ("P0003-01-29T04:35:59", false), ("PT1H1H", false), ("P1W2W", false), ("PT.5S", false), ("PT1.S", false),
    ])
    func duration(_ text: String, _ valid: Bool) {
        #expect(XAPIFormat.isDuration(text) == valid)
    }

    @Test("ISO 8601 timestamps", arguments: [
        ("2013-05-18T05:32:34.804Z", true), ("2008-09-15T15:53:00.601+00:00", true), ("2008-09-15T15:53:00+05:30", true),
        ("2008-09-15t15:53:00z", true), ("2024-02-29T00:00:00Z", true), ("2000-02-29T12:00:00.123456789-11:30", true),
        ("2008-09-15T15:53:00", true), ("0001-01-01T00:00:00Z", true),
        ("2008-09-15T15:53:00-08", false), ("2008-09-15T15:53:00,5Z", false), ("2016-12-31T23:59:60Z", false),
        ("1900-02-29T00:00:00Z", false),
        ("2008-09-15T15:53:00.601-00:00", false), ("2008-09-15T15:53:00.601-00", false),
        ("2008-09-15T15:53:00.601-0000", false), ("2008-09-15T15:53:00.601+0100", false), ("01/011/2015", false),
        ("should fail", false), ("2023-02-29T00:00:00Z", false), ("2008-13-01T00:00:00Z", false),
        ("2008-09-15T24:00:00Z", false), ("2008-09-15T15:60:00Z", false), ("2008-09-15", false),
        ("2008-09-15T15:53Z", false), ("2008-09-15 15:53:00Z", false), ("20080915T155300Z", false),
        ("2008-09-15T15:53:00.Z", false), ("2008-09-15T15:53:00+24:00", false), ("2008-09-15T15:53:00Z ", false),
    ])
    func timestamp(_ text: String, _ valid: Bool) {
        #expect(XAPIFormat.isTimestamp(text) == valid)
    }

    @Test("IRIs", arguments: [
        ("http://adlnet.gov/expapi/verbs/attended", true), ("urn:uuid:6690e6c9-3ef0-4ed3-8b37-7f3964730bee", true),
        ("https://example.org/path?q=1#frag", true), ("https://例え.jp/学習", true), ("tag:example.org,2024:x", true),
        ("https://example.org/a%20b", true), ("mailto:ana@example.org", true),
        ("ab=c://should.fail.com", false), ("should fail", false), ("example.org/a", false), ("http:", false),
        (":no-scheme", false), ("1http://x", false), ("http://exa mple.org", false), ("http://example.org/<a>", false),
        ("https://example.org/%zz", false), ("C:\\meetings\\minutes", false), ("", false),
    ])
    func iri(_ text: String, _ valid: Bool) {
        #expect(XAPIFormat.isIRI(text) == valid)
    }

    @Test("mailto IRIs", arguments: [
        ("mailto:ana@example.org", true), ("mailto:ana.b+tag@sub.example.org", true),
        ("mailto:should.fail.com", false), ("http://should.fail.com", false), ("ana@example.org", false),
        ("mailto:@example.org", false), ("mailto:ana@", false), ("mailto:a@b@c", false), ("MAILTO:ana@example.org", false),
        ("mailto:ana @example.org", false), ("mailto:", false),
    ])
    func mailto(_ text: String, _ valid: Bool) {
        #expect(XAPIFormat.isMailtoIRI(text) == valid)
    }

    @Test("UUIDs in any letter case", arguments: [
        ("6690e6c9-3ef0-4ed3-8b37-7f3964730bee", true), ("AA97B177-9383-4934-8543-0F91A7A02836", true),
        ("00000000-0000-0000-0000-000000000000", true),
        ("AA97B177-9383-4934-8543-0F91A7A028368", false), ("MA97B177-9383-4934-8543-0F91A7A02836", false),
        ("6690e6c93ef04ed38b377f3964730bee", false), ("{6690e6c9-3ef0-4ed3-8b37-7f3964730bee}", false),
        ("6690e6c9-3ef04-ed3-8b37-7f3964730bee", false),
    ])
    func uuid(_ text: String, _ valid: Bool) {
        #expect(XAPIFormat.isUUID(text) == valid)
    }

    @Test("media types", arguments: [
        ("application/pdf", true), ("text/plain; charset=ascii", true), ("image/svg+xml", true),
        ("application/octet-stream", true), ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", true),
        ("pdf", false), ("/pdf", false), ("text/", false), ("text/plain charset", false), ("", false), ("te xt/plain", false),
    ])
    func mediaType(_ text: String, _ valid: Bool) {
        #expect(XAPIFormat.isMediaType(text) == valid)
    }
}

@Suite("xAPI version header")
struct XAPISpecVersionTests {
    @Test("1.0 and every 1.0.x map to the 1.0.3 rules", arguments: ["1.0", "1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4", "1.0.9", "1.0.10"])
    func oneZero(_ header: String) {
        #expect(XAPISpecVersion(header: header) == .v1_0_3)
    }

    @Test("2.0 and 2.0.x map to the 2.0.0 rules", arguments: ["2.0", "2.0.0", "2.0.1"])
    func twoZero(_ header: String) {
        #expect(XAPISpecVersion(header: header) == .v2_0_0)
    }

    @Test("anything else is refused", arguments: [
        "", "0.95", "0.9.9", "1", "1.1.0", "1.1", "2", "2.1.0", "3.0.0", "1.0.3.1", "1.0.x", " 1.0.3", "1.0.3 ", "v1.0.3",
        "2.0.0-rc1", "01.0.3", "1.00.3", "1.0.03", "1..3", "2.0.",
    ])
    func refused(_ header: String) {
        #expect(XAPISpecVersion(header: header) == nil)
    }

    @Test("header values")
    func headerValues() {
        #expect(XAPISpecVersion.v1_0_3.headerValue == "1.0.3")
        #expect(XAPISpecVersion.v2_0_0.headerValue == "2.0.0")
        for version in XAPISpecVersion.allCases {
            #expect(XAPISpecVersion(header: version.headerValue) == version)
        }
    }
}
