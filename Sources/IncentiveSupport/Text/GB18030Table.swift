import Foundation

/// GB18030 text turned into UTF-8 with a table of its two-byte characters — every Chinese
/// character a spreadsheet writes — taken once from Foundation's own decoder, one lead byte at a
/// time. Foundation's `String(data:encoding:)` built its `String` through a generic UTF-16 path
/// that took most of the time of a batch read from a GB18030 file. A block with any other
/// sequence (four bytes, or not GB18030 at all) is decoded by Foundation as before, so the result
/// is Foundation's in every case.
enum GB18030Table {
    /// Per two-byte code, at `(lead - 0x81) * 191 + (trail - 0x40)`, its scalar; 0 for a code
    /// not in the table (the block then goes to Foundation).
    static let scalars: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 126 * 191)
        for lead in 0x81...0xFE {
            let trails = Array(0x40...0x7E) + Array(0x80...0xFE)
            let bytes = trails.flatMap { [UInt8(lead), UInt8($0)] }
            // A lead byte Foundation does not decode pair by pair is left to it.
            guard let text = String(data: Data(bytes), encoding: TextEncoding.foundationGB18030) else { continue }
            let decoded = Array(text.unicodeScalars)
            guard decoded.count == trails.count else { continue }
            for (trail, scalar) in zip(trails, decoded) { table[(lead - 0x81) * 191 + trail - 0x40] = scalar.value }
        }
        return table
    }()

    /// The UTF-8 of `bytes` when they are ASCII and two-byte codes of the table only; nil
    /// otherwise (Foundation decides).
    static func utf8(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        let table = scalars
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            if lead < 0x80 {
                out.append(lead)
                index += 1
                continue
            }
            guard lead >= 0x81, lead <= 0xFE, index + 1 < bytes.endIndex else { return nil }
            let trail = bytes[index + 1]
            guard trail >= 0x40, trail <= 0xFE, trail != 0x7F else { return nil }
            let scalar = table[(Int(lead) - 0x81) * 191 + Int(trail) - 0x40]
            switch scalar {
            case 0, 0xD800...0xDFFF: return nil
            case ..<0x80: out.append(UInt8(scalar))
            case ..<0x800:
                out.append(UInt8(0xC0 | scalar >> 6))
                out.append(UInt8(0x80 | scalar & 0x3F))
            case ..<0x10000:
                out.append(UInt8(0xE0 | scalar >> 12))
                out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                out.append(UInt8(0x80 | scalar & 0x3F))
            default:
                out.append(UInt8(0xF0 | scalar >> 18))
                out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
                out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                out.append(UInt8(0x80 | scalar & 0x3F))
            }
            index += 2
        }
        return out
    }
}
