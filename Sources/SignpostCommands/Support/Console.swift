import Foundation

/// Where commands write: standard output for results, standard error for one-line problems.
enum Console {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func write(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("signpost: " + text + "\n").utf8))
    }
}
