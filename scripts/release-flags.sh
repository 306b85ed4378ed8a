# How every release binary is built (sourced by the scripts that build release: bench*.sh,
# walletd-memory.sh). One set of flags for every product, so that the scripts share one build
# folder (.build-release) without rebuilding each other's modules. docs/MEMORY.md says what each
# flag is worth; debug builds and `swift test` use none of them.
#
#   . scripts/release-flags.sh
#   swift build -c release --scratch-path "$SCRATCH" "${RELEASE_FLAGS[@]}" --product walletd
#
# - --static-swift-stdlib: the Swift runtime and Foundation are linked in, and only the parts
#   used are kept (--gc-sections, which SwiftPM passes for release), instead of five shared
#   libraries mapped whole.
# - -function-sections (Swift) and -ffunction-sections/-fdata-sections (C): one section per
#   function, so that the linker can drop unused ones and place the used ones together.
# - lld with --symbol-ordering-file=scripts/walletd.order: the functions walletd runs to start
#   and serve come first in .text, next to each other, so the pages the kernel maps around each
#   one (fault-around, read-ahead) hold code that runs, not code that never does. The file is made
#   by scripts/walletd-order.sh; a stale one only costs memory, never correctness (symbols not
#   found are skipped, hence --no-warn-symbol-ordering; the other programs share the flags).
# - -z pack-relative-relocs: relative relocations as RELR (a few KiB) instead of RELA (MiBs
#   the loader reads at every start); glibc ≥ 2.36 reads them.
# - --no-export-dynamic: the static runtime's link arguments export every symbol of the program
#   (about 2 MiB of .dynsym/.dynstr, and exported symbols cannot be dropped); nothing loads
#   plug-ins into these programs.
SCRATCH=.build-release
RELEASE_FLAGS=(
  --static-swift-stdlib
  -Xswiftc -Xfrontend -Xswiftc -function-sections
  -Xcc -ffunction-sections -Xcc -fdata-sections
  -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
  -Xlinker -z -Xlinker pack-relative-relocs
  -Xlinker --no-export-dynamic
  -Xlinker "--symbol-ordering-file=$PWD/scripts/walletd.order"
  -Xlinker --no-warn-symbol-ordering
)
