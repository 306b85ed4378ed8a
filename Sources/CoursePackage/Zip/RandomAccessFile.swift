#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read by offset (`pread`), so an archive of any size is read a piece at a time and never
/// held in memory. Closed when released.
///
/// ```swift
/// let file = try RandomAccessFile(path: "/tmp/course.zip")
/// let head = try file.read(at: 0, count: 4)      // [0x50, 0x4b, 0x03, 0x04]
/// ```
public final class RandomAccessFile {
    public let path: String
    public let size: Int
    private let fd: Int32

    public init(path: String) throws(ZipError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .unreadable("not a regular file")
        }
        self.fd = fd
        self.size = Int(info.st_size)
    }

    deinit { close(fd) }

    /// Exactly `count` bytes at `offset`; fewer than that is a truncated archive.
    public func read(at offset: Int, count: Int, what: @autoclosure () -> String = "data") throws(ZipError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else { throw .truncated(what()) }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        let failure: Int32? = bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return nil }   // count 0: nothing to read
            while done < count {
                let got = pread(fd, base + done, count - done, off_t(offset + done))
                if got < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if got == 0 { return 0 }
                done += got
            }
            return nil
        }
        if let failure {
            if failure == 0 { throw .truncated(what()) }
            throw .unreadable(String(cString: strerror(failure)))
        }
        return bytes
    }
}
