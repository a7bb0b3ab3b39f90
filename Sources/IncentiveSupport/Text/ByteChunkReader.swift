#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file (or standard input) in fixed-size chunks with `read(2)`, so a reader of a large
/// file holds one chunk at a time, never the whole file. In-memory bytes work the same way, for
/// tests and for small inputs.
public final class ByteChunkReader {
    public struct OpenError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): \(reason)" }
    }

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var memory: [UInt8]?
    private let chunkSize: Int

    /// Opens `path` ("-" is standard input).
    public init(path: String, chunkSize: Int = 1 << 20) throws {
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
        } else {
            descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw OpenError(path: path, reason: String(cString: strerror(errno))) }
            ownsDescriptor = true
        }
        self.chunkSize = chunkSize
    }

    public init(bytes: [UInt8]) {
        descriptor = -1
        ownsDescriptor = false
        memory = bytes
        chunkSize = 0
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The size of a regular file, in bytes; nil for standard input, a pipe or bytes in memory.
    public var fileSize: Int? {
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    /// The next chunk, or nil at the end. The chunk is never empty.
    public func next() -> [UInt8]? {
        next(after: [])
    }

    /// `leftover` followed by the next chunk, in one array read into directly; nil at the end.
    /// For a reader that carries the unfinished end of one chunk into the next: joining the two
    /// arrays copied every chunk once more (a megabyte a time, 600 MB for a batch of 1M). The
    /// array is not zeroed first: `read` fills what is kept (zeroing a megabyte a chunk cost about
    /// 1 % of a batch, on the thread that cuts records).
    public func next(after leftover: ArraySlice<UInt8>) -> [UInt8]? {
        if descriptor < 0 {
            guard let bytes = memory, !bytes.isEmpty else { return nil }
            memory = nil
            return leftover.isEmpty ? bytes : Array(leftover) + bytes
        }
        var filled = 0
        let chunk = [UInt8](unsafeUninitializedCapacity: leftover.count + chunkSize) { buffer, initialized in
            let start = buffer.baseAddress! + leftover.count
            _ = UnsafeMutableBufferPointer(start: buffer.baseAddress, count: leftover.count).initialize(from: leftover)
            while filled < chunkSize {
                let count = read(descriptor, start + filled, chunkSize - filled)
                if count < 0, errno == EINTR { continue }
                if count <= 0 { break }
                filled += count
            }
            initialized = leftover.count + filled
        }
        return filled == 0 ? nil : chunk
    }
}
