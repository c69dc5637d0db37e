import Foundation
import PSA
import Testing

/// `docs/FLAGS.md` is what `psa flags` prints, and every variant names an order the PSA serves.
@Suite("Flag reference")
struct FlagReferenceTests {
    @Test("docs/FLAGS.md is the output of `psa flags`")
    func committedReferenceIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/FLAGS.md"), encoding: .utf8)
        #expect(committed == ProductFlag.markdown(), "regenerate with: swift run psa flags > docs/FLAGS.md")
    }

    @Test("each flag has control first, showing the order the PSA had before the flag")
    func controlIsThePreviousBehaviour() {
        for flag in ProductFlag.all {
            #expect(flag.control.key == "control")
            #expect(flag.control.order == .newest)
            #expect(Set(flag.variants.map(\.key)).count == flag.variants.count)
            #expect(flag.variant(named: "no-such-variant") == flag.control)
            #expect(flag.variant(named: nil) == flag.control)
        }
    }
}
