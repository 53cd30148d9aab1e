/// Parts of a handout held back from where they belong: a stop's trace lines from the value its
/// question asks about, and its narrative, which give the answer away. `--answers end` prints them
/// in the key under the stop's answer; `none` (the students' copy) leaves them out.
final class HandoutHeldBack {
    enum Part {
        case mono(String)
        case prose(String, indent: Int, label: String?)
        case sentence(String, indent: Int)
        case blank
    }

    var parts: [Part] = []
}
