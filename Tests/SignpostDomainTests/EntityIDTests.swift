import Foundation
import Testing

@testable import SignpostDomain

/// One strict grammar for every id (issue #12, defect 2).
@Suite("Entity ids")
struct EntityIDTests {
    @Test("ids in use follow the grammar")
    func wellFormed() {
        for text in ["F-00017", "P-tobi", "N-3F2A9C1B7D", "G-0000001", "mum", "person-12", "a_b", "F-0001-1"] {
            #expect(FamilyID.isWellFormed(text), "\(text)")
        }
        #expect(FamilyID.isWellFormed(String(repeating: "a", count: 64)))
    }

    @Test("traversal, lookalikes, spaces, controls and overlong ids are refused, saying which character")
    func refused() throws {
        let cases: [(String, String)] = [
            ("../../../victim", "U+002E FULL STOP"),
            ("F-7777 ", "U+0020 SPACE"),
            ("F\u{2011}7777", "U+2011 NON-BREAKING HYPHEN"),
            ("F-\u{0410}1", "U+0410 CYRILLIC CAPITAL LETTER A"),
            ("F-1\u{1B}]0;x\u{07}", "U+001B"),
            ("a/b", "U+002F SOLIDUS"),
            ("", "empty"),
            ("-F", "starts with -"),
            (String(repeating: "a", count: 65), "65 characters"),
        ]
        for (text, said) in cases {
            #expect(!FamilyID.isWellFormed(text), "\(text.debugDescription)")
            #expect {
                _ = try FamilyID(validating: text)
            } throws: { error in
                (error as? EntityIDError)?.description.contains(said) == true
            }
        }
    }

    @Test("decoding refuses an id outside the grammar; the message shows it escaped")
    func decoding() throws {
        #expect(try JSONDecoder().decode([FamilyID].self, from: Data(#"["F-1"]"#.utf8)) == ["F-1"])
        #expect {
            _ = try JSONDecoder().decode([FamilyID].self, from: Data(#"["F-1\u001b[2J"]"#.utf8))
        } throws: { error in
            guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
            return context.debugDescription.contains(#"\u{1B}"#) && !context.debugDescription.contains("\u{1B}")
        }
    }
}
