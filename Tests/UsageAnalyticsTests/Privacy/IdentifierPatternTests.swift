import Testing

@testable import UsageAnalytics

/// The detectors added for national ids, hardware addresses and coordinates, and the Unicode folding
/// that runs before every detector on generic strings.
@Suite("Identifier patterns")
struct IdentifierPatternTests {
    @Test(
        "finds US Social Security and UK National Insurance numbers",
        arguments: [
            "536-22-7391", "ssn 536 22 7391 on file", "QQ 12 34 56 C", "qq123456c", "AB-12-34-56-D", "(QQ123456A)",
        ])
    func findsNationalIDs(_ text: String) {
        #expect(ValueInspector.finding(in: text) == .nationalID)
    }

    @Test(
        "leaves SSN and NI look-alikes: never-issued parts, other lengths, other suffixes",
        arguments: [
            "000-12-3456", "666-12-3456", "900-12-3456", "536-00-7391", "536-22-0000", "536-22-739", "QQ123456E",
            "QQ12345C", "TIC-22-7391",
        ])
    func leavesNationalIDLookAlikes(_ text: String) {
        #expect(ValueInspector.finding(in: text) != .nationalID)
    }

    @Test(
        "finds MAC addresses",
        arguments: ["00:1A:2B:3C:4D:5E", "device 00-1a-2b-3c-4d-5e up", "001a.2b3c.4d5e", "aa:bb:cc:dd:ee:ff"])
    func findsMACAddresses(_ text: String) {
        #expect(ValueInspector.finding(in: text) == .macAddress)
    }

    @Test(
        "leaves MAC look-alikes",
        arguments: ["00:1A:2B:3C:4D", "00:1A:2B:3C:4D:5E:6F", "10:30:00", "00:1a-2b:3c-4d:5e"])
    func leavesMACLookAlikes(_ text: String) {
        #expect(ValueInspector.finding(in: text) != .macAddress)
    }

    @Test(
        "finds coordinates",
        arguments: [
            "51.507412, -0.127812", "at 40.7488,-73.9854 today", "-33.8688; 151.2093", "48°51′29.6″N 2°17′40″E",
        ])
    func findsCoordinates(_ text: String) {
        #expect(ValueInspector.finding(in: text) == .coordinates)
    }

    @Test(
        "leaves coordinate look-alikes",
        arguments: ["6.3.1", "1.5, 2.5", "12.5 ms", "20°C", "version 1.234", "91.1234, 10.1234", "1234.5678, 1.2345"])
    func leavesCoordinateLookAlikes(_ text: String) {
        #expect(ValueInspector.finding(in: text) == nil)
    }

    @Test(
        "folds Unicode forms before matching",
        arguments: [
            ("maria．garcia＠example．com", Redaction.Reason.email),
            ("+1\u{00A0}415\u{00A0}555\u{00A0}0100", .phone), ("415\u{2013}555\u{2013}0100", .phone),
            ("４１５５５５０１００", .phone), ("٤١٥٥٥٥٠١٠٠", .phone), ("４１１１ １１１１ １１１１ １１１１", .paymentCard),
        ] as [(String, Redaction.Reason)])
    func foldsUnicode(_ text: String, _ reason: Redaction.Reason) {
        #expect(ValueInspector.finding(in: text) != reason)
        #expect(ValueInspector.finding(in: TextNormalizer.normalized(text)) == reason)
    }

    @Test("leaves ASCII text untouched and folds only what it must")
    func normalizerIsIdentityOnASCII() {
        #expect(TextNormalizer.normalized("feature_name: export") == "feature_name: export")
        #expect(TextNormalizer.normalized("résumé") == "résumé")
        #expect(TextNormalizer.normalized("a\u{00A0}b\u{2014}c\u{00AD}d") == "a b-cd")
    }

    @Test(
        "product codes pass their check digit, look-alikes do not",
        arguments: [
            ("978-3-16-148410-0", true), ("4006381333931", true), ("0-306-40615-2", true), ("080442957X", true),
            ("96385074", true), ("036000291452", true), ("4006381333932", false), ("4155550100", false),
            ("978-3-16-148410-1", false), ("abc", false),
        ])
    func productCodes(_ text: String, _ valid: Bool) {
        #expect(ProductCode.isValid(text) == valid)
    }
}
