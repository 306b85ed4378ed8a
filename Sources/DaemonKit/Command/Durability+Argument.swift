import ArgumentParser
import SecurityPrimitives

/// `--synchronous full|normal` on both daemons: ArgumentParser checks the value and lists the
/// choices in `--help`.
extension Durability: ExpressibleByArgument {}
