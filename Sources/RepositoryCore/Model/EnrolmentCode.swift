/// One-time enrolment codes: 16 Crockford base32 characters (80 random bits) in four groups, easy
/// to read out and type, with no I, L, O or U to confuse.
///
/// ```swift
/// let code = EnrolmentCode.generate()      // "K7QF-3MZP-XD2A-9WRB"
/// EnrolmentCode.normalized("k7qf 3mzp-xd2a-9wrb")   // "K7QF3MZPXD2A9WRB"
/// EnrolmentCode.normalized("K7QF-3MZP-XD2A-9WLB")   // "K7QF3MZPXD2A9W1B": L is read as 1
/// ```
public enum EnrolmentCode {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<16).map { _ in alphabet[Int(generator.next() % 32)] }
        return stride(from: 0, to: 16, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// Uppercase, separators dropped, and the look-alikes people type mapped as Crockford says.
    public static func normalized(_ code: String) -> String {
        String(code.uppercased().compactMap { c -> Character? in
            switch c {
            case "-", " ": nil
            case "O": "0"
            case "I", "L": "1"
            default: c
            }
        })
    }
}
