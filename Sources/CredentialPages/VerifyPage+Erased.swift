import PageText

/// The page for a credential whose holder was erased at the repository (`repositoryd learner
/// erase`): the repository kept only its id and its status-list entry, which the erasure set to
/// revoked, so a QR code an employer scans still says so.
///
/// ```swift
/// // GET /verify?credential=urn:uuid:… of an erased learner's credential
/// let page = VerifyPage.erasedCredential(id: id, language: .dutch)   // "Ingetrokken"
/// ```
extension VerifyPage {
    public static func erasedCredential(id: String, language: PageLanguage = .english) -> String {
        let e = HTMLText.escape
        let words = language.words
        return PageFrame.document(title: words[.vfRevoked], body: languageLinks(language, query: "credential=" + CredentialWords.queryValue(id))
            + "<h1>\(e(words[.vfErasedTitle]))</h1>"
            + "<div class=\"verdict revoked\">\(e(words[.vfRevoked]))</div><p>"
            + words.html(.vfErasedText, ["id": "<span class=\"did\">\(e(id))</span>"]) + "</p>"
            + "<h2 class=\"noprint\">\(e(words[.vfCheckExport]))</h2>" + formSection(challenge: nil, domain: nil, document: nil, language: language),
            language: language)
    }
}
