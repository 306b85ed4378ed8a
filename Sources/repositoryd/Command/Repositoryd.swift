// Placeholder entry point until the repositoryd commands land.
@main
enum Repositoryd {
    static func main() {}
}
