import GRDB
import Crypto
import _CryptoExtras
import WalletAPI

/// The wallet's version, reported by `GET /v1/health` and `wallet-cli --version`.
public enum WalletVersion {
    public static let string = "0.1.0"
}
