import Foundation

/// Bounds on the size of a pathways file, so that loading, walking and drawing it stay quick and
/// never exhaust the call stack (issue #12: a 20,000-deep chain crashed the map).
extension PathwaysChecker {
    /// The most nodes a pathways file may have (the built-in Islington pathways have 67).
    static let maximumNodes = 2_000
    /// The most steps from the start to the end of any walk (the built-in pathways need 19).
    static let maximumDepth = 200

    /// Whether the file has few enough nodes to check further; reports it when it has too many.
    mutating func checkNodeCount() -> Bool {
        let count = raw.nodes?.count ?? 0
        guard count > Self.maximumNodes else { return true }
        problem("nodes", "there are \(count) nodes; pathways may have at most \(Self.maximumNodes)")
        return false
    }

    /// Reports a walk longer than ``maximumDepth`` steps, found without recursion.
    ///
    /// Edges back onto the path being followed (cycles, reported by the graph check) are skipped.
    mutating func checkDepth(start: String) {
        var nodes: [String: RawNode] = [:]
        for node in raw.nodes ?? [] { if let id = node.id, nodes[id] == nil { nodes[id] = node } }
        func next(_ id: String) -> [String] {
            guard let node = nodes[id] else { return [] }
            return ((node.answers ?? []).compactMap(\.next) + [node.then].compactMap { $0 }).filter { nodes[$0] != nil }
        }
        var depth: [String: Int] = [:]
        var onPath: Set<String> = [start]
        var stack: [(id: String, children: [String], position: Int)] = [(start, next(start), 0)]
        while let top = stack.last {
            if top.position < top.children.count {
                stack[stack.count - 1].position += 1
                let child = top.children[top.position]
                if depth[child] == nil, !onPath.contains(child) {
                    onPath.insert(child)
                    stack.append((child, next(child), 0))
                }
                continue
            }
            depth[top.id] = 1 + (top.children.compactMap { depth[$0] }.max() ?? 0)
            onPath.remove(top.id)
            stack.removeLast()
        }
        if let longest = depth[start], longest > Self.maximumDepth {
            problem(
                "nodes",
                "a walk from the start can take \(longest) steps; pathways may be at most \(Self.maximumDepth) steps deep"
            )
        }
    }
}
