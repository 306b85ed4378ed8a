import Basics
import SecurityPrimitives

/// A scrypt cost on the wire: `{"logN": 15, "r": 8, "p": 1}` inside the object that carries it
/// (a learner's `pin`, a `holderKey`). A cost another machine could not afford to check is refused
/// here, on arrival, rather than at the first login.
extension ScryptCost {
    var wireFields: [String: JSONValue] {
        ["logN": .number(Double(logN)), "r": .number(Double(blockSize)), "p": .number(Double(parallelism))]
    }
}

extension WireObject {
    func scryptCost() throws(SyncWireError) -> ScryptCost {
        func bounds(_ range: ClosedRange<Int>) -> ClosedRange<Int64> { Int64(range.lowerBound)...Int64(range.upperBound) }
        let logN = Int(try int64("logN", in: bounds(ScryptCost.logNRange)))
        let r = Int(try int64("r", in: bounds(ScryptCost.blockSizeRange)))
        let p = Int(try int64("p", in: bounds(ScryptCost.parallelismRange)))
        guard let cost = ScryptCost(validatingLogN: logN, blockSize: r, parallelism: p) else {
            throw error("logN", "asks more of scrypt than a PC or the repository may spend (at most \(ScryptCost.maxMemoryBytes >> 20) MiB and N·r·p ≤ \(ScryptCost.maxWork))")
        }
        return cost
    }
}
