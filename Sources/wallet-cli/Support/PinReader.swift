import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a PIN from the terminal without echo, or from the first line of stdin.
enum PinReader {
    private static let maxLength = 1024

    /// The first line of stdin, without its line ending. For scripts: `echo 4711 | wallet-cli login ana --pin-stdin`.
    static func fromStdin() throws(CLIError) -> String {
        guard let line = readLine(strippingNewline: true) else {
            throw CLIError(.usage, "--pin-stdin was given but stdin is empty. Pipe the PIN in, e.g. `printf '%s\\n' \"$PIN\" | wallet-cli …`.")
        }
        let pin = line.hasSuffix("\r") ? String(line.dropLast()) : line
        guard !pin.isEmpty else { throw CLIError(.usage, "the PIN on stdin is empty. Pipe a non-empty PIN in.") }
        return pin
    }

    /// Asks on /dev/tty with echo off. With `confirm`, asks twice and retries on a mismatch.
    static func fromTerminal(prompt: String, confirm: Bool) throws(CLIError) -> String {
        let terminal = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard terminal >= 0 else {
            throw CLIError(.usage, "there is no terminal to read the PIN from. Pass --pin-stdin and pipe the PIN in.")
        }
        defer { close(terminal) }
        for _ in 0..<3 {
            let pin = try readHidden(terminal, prompt: prompt)
            guard !pin.isEmpty else {
                writeText(terminal, "The PIN must not be empty.\n")
                continue
            }
            guard confirm else { return pin }
            if try readHidden(terminal, prompt: "Repeat the PIN: ") == pin { return pin }
            writeText(terminal, "The two PINs differ. Try again.\n")
        }
        throw CLIError(.usage, "no PIN entered after three tries. Run the command again.")
    }

    private static func readHidden(_ terminal: Int32, prompt: String) throws(CLIError) -> String {
        writeText(terminal, prompt)
        var original = termios()
        guard tcgetattr(terminal, &original) == 0 else {
            throw CLIError(.usage, "cannot switch the terminal's echo off. Pass --pin-stdin and pipe the PIN in.")
        }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        TerminalGuard.arm(terminal, restoring: original)
        tcsetattr(terminal, TCSAFLUSH, &silent)
        defer {
            tcsetattr(terminal, TCSAFLUSH, &original)
            TerminalGuard.disarm()
            // The Enter key was not echoed either.
            writeText(terminal, "\n")
        }

        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while bytes.count < maxLength {
            let count = read(terminal, &byte, 1)
            if count < 0, errno == EINTR { continue }
            if count <= 0 || byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func writeText(_ terminal: Int32, _ text: String) {
        _ = text.withCString { write(terminal, $0, strlen($0)) }
    }
}

/// Puts the terminal's echo back if the user presses Ctrl-C (or the process is killed) while
/// the PIN prompt has it switched off; otherwise their shell would stay silent.
private enum TerminalGuard {
    // Signal handlers are C functions that cannot capture, so what they restore lives in globals.
    // They are written only while no handler is installed, and read only by the handler.
    nonisolated(unsafe) static var descriptor: Int32 = -1
    nonisolated(unsafe) static var saved = termios()
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    nonisolated(unsafe) private static var previous: [Int32: __sighandler_t?] = [:]

    static func arm(_ terminal: Int32, restoring original: termios) {
        descriptor = terminal
        saved = original
        for signal in signals {
            previous[signal] = Glibc.signal(signal) { received in
                if TerminalGuard.descriptor >= 0 {
                    var original = TerminalGuard.saved
                    tcsetattr(TerminalGuard.descriptor, TCSAFLUSH, &original)
                    _ = write(TerminalGuard.descriptor, "\n", 1)
                }
                // Die of the same signal, so the shell sees what happened.
                _ = Glibc.signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    static func disarm() {
        // Put back what was there before (SIG_IGN under nohup, for instance).
        for signal in signals { _ = Glibc.signal(signal, previous[signal] ?? SIG_DFL) }
        previous = [:]
        descriptor = -1
    }
}
