import Basics
import SyncEngine
import WalletCore

/// The xAPI statement validator, as walletd's statement POST runs it, under both xAPI versions:
/// a refusal names what is wrong; a statement it accepts and stores within the limits is one the
/// sync wire takes as it is (`WireStatement`), so a PC never keeps what it can never push.
enum StatementProperty {
    static func check(_ bytes: [UInt8]) throws(FuzzViolation) {
        for version in XAPISpecVersion.allCases {
            guard case .stored(let statements) = try StatementAcceptance.post(bytes, version: version) else { continue }
            for statement in statements {
                do {
                    let wire = try WireStatement(value: statement.value, raw: statement.json, path: "statements[0]")
                    guard wire.id == statement.id else {
                        throw FuzzViolation("accepted means syncable", "the wire reads id \(wire.id) for stored id \(statement.id)")
                    }
                } catch let error as FuzzViolation {
                    throw error
                } catch {
                    throw FuzzViolation("accepted means syncable", "walletd would store a statement the wire refuses: \(error)")
                }
            }
        }
    }
}
