import Foundation
import Testing

@testable import SignpostReturns

@Suite("Returns: CSV cells a spreadsheet could run")
struct CSVDocumentTests {
    @Test("A cell beginning = + - or @ is quoted and starts with an apostrophe; quotes and commas are quoted")
    func formulasAreNeutralised() throws {
        let document = CSVDocument(
            headers: ["a", "b", "c", "d", "e", "f"],
            rows: [["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "plain, with comma", "Sam \"Sol\" Okafor"]])
        let text = String(decoding: try document.encoded(), as: UTF8.self)
        #expect(
            text
                == "a,b,c,d,e,f\r\n\"'=HYPERLINK(\"\"x\"\")\",\"'+1\",\"'-2\",\"'@SUM(A1)\",\"plain, with comma\",\"Sam \"\"Sol\"\" Okafor\"\r\n"
        )
    }

    @Test("Ordinary cells are written as they are")
    func ordinaryCellsUnchanged() throws {
        let text = String(
            decoding: try CSVDocument(headers: ["Date"], rows: [["14/03/2026"], ["a) 1A: Individual"]]).encoded(),
            as: UTF8.self)
        #expect(text == "Date\r\n14/03/2026\r\na) 1A: Individual\r\n")
    }
}
