/// The page for a credential whose holder was erased at the repository (`repositoryd learner
/// erase`): the repository kept only its id and its status-list entry, which the erasure set to
/// revoked, so a QR code an employer scans still says so.
///
/// ```swift
/// // GET /verify?credential=urn:uuid:… of an erased learner's credential
/// let page = VerifyPage.erasedCredential(id: id)   // "Revoked"
/// ```
extension VerifyPage {
    public static func erasedCredential(id: String) -> String {
        let e = HTMLText.escape
        return PageFrame.document(title: "Revoked", body: "<h1>Revoked micro-credential</h1>"
            + "<div class=\"verdict revoked\">Revoked</div><p>This repository issued the credential "
            + "<span class=\"did\">\(e(id))</span>, and it no longer stands: it was revoked when its holder's data was erased here "
            + "at their request. Nothing else about it is kept.</p>"
            + "<h2 class=\"noprint\">Check an export file</h2>" + formSection(challenge: nil, domain: nil, document: nil))
    }
}
