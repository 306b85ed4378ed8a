import Foundation
import WalletAPI

/// Every rule of a course catalog, checked before it is published (see `CourseCatalog.parse`).
enum CatalogValidation {
    static func check(_ data: Data, source: String) throws(CatalogFile.Invalid) {
        do {
            _ = try CourseCatalog.parse(data)
        } catch {
            throw CatalogFile.Invalid(description: "\(source): \(error)")
        }
    }
}
