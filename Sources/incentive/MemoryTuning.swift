#if canImport(Glibc)
import Glibc
#endif

/// How the C allocator keeps memory a batch frees. By default glibc gives the top of its heap
/// back to the system as soon as a megabyte or two is free, and maps large blocks afresh: a batch
/// frees a megabyte of input at every chunk and grows its stores in large steps, so the same
/// pages were unmapped and faulted in again. At 1M enterprises that was about 30,000 page faults
/// and a tenth of a second of system time, with the wall time a few per cent longer.
enum MemoryTuning {
    /// Freed memory is kept for reuse (up to 256 MiB at the top of the heap) and blocks below
    /// 32 MiB come from the heap. `mallopt` is looked up at run time: the Glibc module does not
    /// export it, and where it is missing nothing changes.
    static func keepFreedMemory() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        // glibc's malloc.h: M_TRIM_THRESHOLD is -1, M_MMAP_THRESHOLD -3 (at most 32 MiB on 64 bits).
        _ = mallopt(-1, 256 << 20)
        _ = mallopt(-3, 32 << 20)
        #endif
    }
}
