import CredentialPages
import Foundation

/// The form parser (`FormBody.parse`) and what repositoryd's `POST /verify` does with a form
/// (`VerifyPage.respond(toForm:…)`: parse, read the document, verify, render). A form it accepts
/// keeps its bounds (fields, name length); a refusal says why; the page always renders.
enum FormProperty {
    static func check(_ bytes: [UInt8]) throws(FuzzViolation) {
        do {
            let fields = try FormBody.parse(bytes)
            guard fields.count <= FormBody.maximumFields else {
                throw FuzzViolation("form bounds", "accepted \(fields.count) fields")
            }
            if let long = fields.keys.first(where: { $0.utf8.count > FormBody.maximumNameBytes }) {
                throw FuzzViolation("form bounds", "accepted a field name of \(long.utf8.count) bytes")
            }
        } catch let error as FuzzViolation {
            throw error
        } catch {
            try FuzzViolation.requireMessage("\(error)", from: "FormBody.parse")
        }
        let page = VerifyPage.respond(toForm: bytes, trustList: nil, trustAnchor: nil, statusLists: [],
                                      now: CredentialProperty.now)
        guard page.contains("</html>") else {
            throw FuzzViolation("page renders", "POST /verify rendered no complete page")
        }
    }
}
