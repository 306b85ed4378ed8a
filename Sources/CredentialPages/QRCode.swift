import CQRencode

/// A QR code (libqrencode, error correction level M, 8-bit mode) and its SVG drawing: one `<path>`
/// of the dark modules on a white square with the standard quiet zone of 4 modules.
///
/// ```swift
/// let code = try QRCode(text: "https://repo.example/verify?credential=urn%3Auuid%3A…")
/// code.version   // 3
/// code.width     // 29 modules (17 + 4 × version)
/// let svg = code.svg(moduleSize: 4)
/// ```
public struct QRCode: Sendable, Equatable {
    /// What a QR code at level M can hold in 8-bit mode (version 40): 2,331 bytes.
    public static let maximumBytes = 2_331
    public static let quietZone = 4

    public let version: Int
    /// Modules per side.
    public let width: Int
    /// Row-major, `width × width`; true for a dark module.
    public let modules: [Bool]

    public init(text: String) throws(QRCodeError) {
        guard !text.isEmpty else { throw QRCodeError("there is no text to put in a QR code") }
        guard !text.utf8.contains(0) else { throw QRCodeError("a QR code's text cannot contain a NUL character") }
        guard text.utf8.count <= Self.maximumBytes else {
            throw QRCodeError("\(text.utf8.count) bytes do not fit in a QR code (at most \(Self.maximumBytes) at error correction level M)")
        }
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw QRCodeError("libqrencode could not encode the text")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        version = Int(code.pointee.version)
        self.width = width
        // Bit 0 of each byte is the module's colour; the other bits say what the module is for.
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        modules = data.map { $0 & 1 == 1 }
    }

    public func isDark(x: Int, y: Int) -> Bool { modules[y * width + x] }

    /// An SVG of `(width + 8) × moduleSize` pixels; runs of dark modules in a row become one
    /// rectangle each, so the path stays short.
    public func svg(moduleSize: Int = 4) -> String {
        let side = width + 2 * Self.quietZone
        var path = ""
        for y in 0..<width {
            var x = 0
            while x < width {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < width, isDark(x: x, y: y) { x += 1 }
                path += "M\(start + Self.quietZone) \(y + Self.quietZone)h\(x - start)v1h-\(x - start)z"
            }
        }
        let pixels = side * max(1, moduleSize)
        return #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(pixels)" height="\#(pixels)" viewBox="0 0 \#(side) \#(side)" shape-rendering="crispEdges" role="img" aria-label="QR code">"#
            + #"<rect width="\#(side)" height="\#(side)" fill="white"/><path fill="black" d="\#(path)"/></svg>"#
    }
}

/// Why a QR code could not be made.
///
/// ```swift
/// do { _ = try QRCode(text: "") } catch { print(error) }   // "there is no text to put in a QR code"
/// ```
public struct QRCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
