import Foundation
import Testing
import Basics

/// Issue 13 item 2 with the real walletd on a loopback port: the page's defences on a shared PC.
/// Another account on the PC can reach the port, another site can make the browser send forms,
/// and DNS rebinding can make a foreign name point at 127.0.0.1; none of them reaches a learner.
@Suite("Wallet page: sessions, form tokens, Host check, isolation", .serialized)
struct WebPageTests {
    static let web = ["--http", "127.0.0.1:0"]

    func twoLearners() throws -> (pc: Walletd, ana: String, bo: String) {
        let pc = try Walletd(arguments: Self.web).start()
        let cli = WalletCLIRunner(pc: pc)
        #expect(try cli("learner", "add", "--name", "Ana Horvat", "--pin-stdin", stdin: "246800\n").status == 0)
        #expect(try cli("learner", "add", "--name", "Bo Berger", "--pin-stdin", stdin: "135700\n").status == 0)
        let people = try JSONValue(data: Data(try cli("learner", "list", "--json").stdout.utf8))["learners"]?.arrayValue ?? []
        let ana = try #require(people.first { $0["name"] == "Ana Horvat" }?["id"]?.stringValue)
        let bo = try #require(people.first { $0["name"] == "Bo Berger" }?["id"]?.stringValue)
        return (pc, ana, bo)
    }

    func login(_ browser: WebBrowser, learner: String, pin: String) throws -> WebBrowser.Page {
        let page = try browser.get("/login?learner=\(learner)")
        let token = try #require(page.formToken)
        return try browser.post("/login", [("form_token", token), ("learner", learner), ("pin", pin)])
    }

    @Test func aLoginSetsAStrictHttpOnlySessionCookieAndLogoutEndsIt() throws {
        let (pc, ana, _) = try twoLearners()
        let browser = WebBrowser(base: try pc.webAddress())
        let start = try browser.get("/")
        #expect(start.status == 200)
        #expect(start.text.contains("Ana Horvat") && start.text.contains("Bo Berger"))
        #expect(start.headers["content-security-policy"]?.contains("default-src 'none'") == true)
        #expect(start.headers["content-security-policy"]?.contains("script-src") == false, "no script is allowed at all")
        #expect(start.headers["x-frame-options"] == "DENY")
        #expect(start.headers["cache-control"] == "no-store")

        let wrong = try login(browser, learner: ana, pin: "000000")
        #expect(wrong.status == 401)
        #expect(wrong.text.contains("That PIN is not right"))
        #expect(browser.cookies["wallet_session"] == nil)

        let page = try browser.get("/login?learner=\(ana)")
        let response = try browser.post("/login", [("form_token", try #require(page.formToken)), ("learner", ana), ("pin", "246800")])
        #expect(response.status == 303)
        #expect(response.headers["location"] == "/courses")
        let setCookie = try #require(response.headers["set-cookie"])
        #expect(setCookie.contains("wallet_session=") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"))
        let session = try #require(browser.cookies["wallet_session"])

        let courses = try browser.get("/courses")
        #expect(courses.status == 200)
        #expect(courses.text.contains("Signed in as Ana Horvat"))

        // The session is walletd's own: the audit log and `wallet-cli` see it like any other.
        let logout = try browser.post("/logout", [("form_token", try #require(courses.formToken))])
        #expect(logout.status == 303)
        #expect(browser.cookies["wallet_session"] == nil)
        // The old cookie, replayed, opens nothing.
        browser.cookies["wallet_session"] = session
        let after = try browser.get("/courses")
        #expect(after.status == 303 && after.headers["location"] == "/")
    }

    @Test func aFormWithoutItsTokenOrWithAnotherBrowsersIsRefused() throws {
        let (pc, ana, _) = try twoLearners()
        let address = try pc.webAddress()
        let browser = WebBrowser(base: address)
        _ = try browser.get("/")
        // A page on another site can make the browser post this form, but cannot read a token.
        let forged = try browser.post("/login", [("learner", ana), ("pin", "246800")])
        #expect(forged.status == 403)
        #expect(forged.text.contains("This form has expired"))
        #expect(browser.cookies["wallet_session"] == nil)

        // A token from another browser (another cookie) is worth nothing here.
        let other = WebBrowser(base: address)
        let otherToken = try #require(try other.get("/login?learner=\(ana)").formToken)
        #expect(try browser.post("/login", [("form_token", otherToken), ("learner", ana), ("pin", "246800")]).status == 403)

        // Once logged in, the pre-login token no longer opens forms: tokens are bound to the session.
        let preToken = try #require(try browser.get("/login?learner=\(ana)").formToken)
        #expect(try browser.post("/login", [("form_token", preToken), ("learner", ana), ("pin", "246800")]).status == 303)
        #expect(try browser.post("/sync", [("form_token", preToken)]).status == 403)
        #expect(try browser.post("/learners/new", [("name", "Mallory"), ("pin", "111111"), ("pin2", "111111")]).status == 403)
        let people = try WalletCLIRunner(pc: pc)("learner", "list").stdout
        #expect(!people.contains("Mallory"))
    }

    @Test func aForeignHostIsRefusedBeforeAnyRoute() throws {
        let (pc, _, _) = try twoLearners()
        let address = try pc.webAddress()
        let port = try #require(address.split(separator: ":").last.map { $0.filter(\.isNumber) })
        let browser = WebBrowser(base: address)
        for host in ["evil.example", "evil.example:\(port)", "127.0.0.1:1", "localhost.evil.example:\(port)"] {
            let page = try browser.get("/", host: host)
            #expect(page.status == 421, "Host \(host)")
            #expect(!page.text.contains("Ana Horvat"))
        }
        #expect(try browser.get("/", host: "localhost:\(port)").status == 200)
        let missing = try browser.get("/no/such/page", host: "localhost:\(port)")
        #expect(missing.status == 404 && missing.text.contains("This page does not exist."))
        #expect(try browser.get("/", host: "127.0.0.1:\(port)").status == 200)
    }

    @Test func aLearnersPagesShowNoneOfAnotherLearnersData() throws {
        let (pc, ana, bo) = try twoLearners()
        let cli = WalletCLIRunner(pc: pc)
        #expect(try cli("login", ana, "--pin-stdin", stdin: "246800\n").status == 0)
        #expect(try cli("record", "--activity", "https://catalog.vet-centre.example/courses/food-hygiene/outcomes/x", "--verb", "completed").status == 0)
        #expect(try cli("profile", "set", "email", "ana-secret@example.org").status == 0)
        let address = try pc.webAddress()
        let browser = WebBrowser(base: address)
        #expect(try login(browser, learner: bo, pin: "135700").status == 303)
        for path in ["/courses", "/credentials", "/sync"] {
            let page = try browser.get(path)
            #expect(page.status == 200, "\(path)")
            #expect(page.text.contains("Bo Berger"), "\(path) is Bo's")
            #expect(!page.text.contains("Ana Horvat") && !page.text.contains("ana-secret"), "\(path) shows nothing of Ana's")
        }
        // Resolving a record is written to the session's own learner, whatever the form names.
        let sync = try browser.get("/sync")
        let kept = try browser.post("/sync/resolve", [("form_token", try #require(sync.formToken)), ("key", "email"), ("value", "bo@example.org"),
                                                      ("context", "x"), ("learner", ana)])
        #expect(kept.status == 400 || kept.status == 303)
        let anaProfile = try cli("profile", "show")
        #expect(!anaProfile.stdout.contains("bo@example.org"))
    }
}
