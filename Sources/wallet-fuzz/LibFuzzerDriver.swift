#if LIBFUZZER
import FuzzHarness
import Foundation

/// libFuzzer's own driver, entered from our `main` (SwiftPM gives every executable its `main`, so
/// libFuzzer's cannot be used): `LLVMFuzzerRunDriver` parses libFuzzer's options and calls the
/// callback once per input. A property that fails traps, so libFuzzer saves the input.
enum LibFuzzerDriver {
    /// Set once before the driver starts and only read after, on libFuzzer's one thread: the
    /// C callback cannot capture it.
    nonisolated(unsafe) static var target = FuzzTarget.json

    static func run(_ target: FuzzTarget, arguments: [String]) -> Never {
        Self.target = target
        var argc = CInt(arguments.count)
        // Allocated and never freed: libFuzzer keeps argv for the life of the process.
        var argv = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: arguments.count + 1)
        for (i, argument) in arguments.enumerated() { argv[i] = strdup(argument) }
        argv[arguments.count] = nil
        let status = LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
        exit(status)
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// libFuzzer also looks this symbol up when it links its own main; ours calls the same function.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        try LibFuzzerDriver.target.run(bytes)
    } catch {
        fatalError("wallet-fuzz \(LibFuzzerDriver.target.rawValue): \(error)")
    }
    return 0
}
#endif
