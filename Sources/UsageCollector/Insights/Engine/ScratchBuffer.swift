#if canImport(Glibc)
    import Glibc
#endif

/// An uninitialized buffer of plain values for one query, backed by huge pages where Linux allows it.
///
/// A funnel scatters millions of events to person-ordered positions in a buffer of ~100 MB; with 4 KiB pages
/// nearly every write misses the TLB and first-touches a page. 2 MiB pages (`MADV_HUGEPAGE`) remove most of
/// both costs. Elements are never deinitialized: only trivial types belong here.
final class ScratchBuffer<Element: BitwiseCopyable> {
    static var hugePageBytes: Int { 2 << 20 }

    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int) {
        self.count = count
        let bytes = max(1, count * MemoryLayout<Element>.stride)
        #if canImport(Glibc)
            if bytes >= Self.hugePageBytes {
                var raw: UnsafeMutableRawPointer?
                let rounded = (bytes + Self.hugePageBytes - 1) / Self.hugePageBytes * Self.hugePageBytes
                if posix_memalign(&raw, Self.hugePageBytes, rounded) == 0, let raw {
                    // Advice only: without transparent huge pages the buffer works as usual.
                    _ = madvise(raw, rounded, MADV_HUGEPAGE)
                    self.pointer = raw.bindMemory(to: Element.self, capacity: count)
                    return
                }
            }
        #endif
        self.pointer = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: MemoryLayout<Element>.alignment)
            .bindMemory(to: Element.self, capacity: count)
    }

    deinit {
        #if canImport(Glibc)
            free(self.pointer)
        #else
            self.pointer.deallocate()
        #endif
    }

    var buffer: UnsafeMutableBufferPointer<Element> {
        UnsafeMutableBufferPointer(start: self.pointer, count: self.count)
    }
}
