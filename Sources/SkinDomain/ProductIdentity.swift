// TEMPORARY STUB (replaced by the identity branch)
import Foundation
public enum ProductIdentity {
    public static let version = 0
    public static func brandKey(_ brand: String) -> String {
        brand.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
    public static func nameKey(_ name: String, brand: String, shade: String?) -> String { brandKey(name) }
    public static func key(brand: String, name: String, shade: String?) -> String {
        brandKey(brand) + "\u{1F}" + nameKey(name, brand: brand, shade: shade)
    }
    public static func sizesCompatible(_ a: ProductSize?, _ b: ProductSize?) -> Bool { true }
    public static func sourceName(fromFile path: String) -> String {
        path == "<stdin>" ? "stdin" : (path as NSString).lastPathComponent.components(separatedBy: ".").first ?? "catalog"
    }
}
public struct ListComparison: Sendable, Equatable {
    public init(_ first: [String], _ second: [String]) {
        let b = Set(second)
        shared = first.filter { b.contains($0) }
        onlyInFirst = first.filter { !b.contains($0) }
        let a = Set(first)
        onlyInSecond = second.filter { !a.contains($0) }
        let union = a.union(b).count
        similarity = first.isEmpty || second.isEmpty ? 0 : Double(a.intersection(b).count) / Double(union)
        isEmpty = first.isEmpty || second.isEmpty
    }
    let isEmpty: Bool
    public let shared: [String]
    public let onlyInFirst: [String]
    public let onlyInSecond: [String]
    public let similarity: Double
    public enum Verdict: String, Sendable { case same, nearly, different, unknown }
    public var verdict: Verdict { isEmpty ? .unknown : similarity >= 0.85 ? .same : similarity >= 0.6 ? .nearly : .different }
}
