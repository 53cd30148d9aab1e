/// A key or terminal event, as the backend reports it and the app's update function reads it.
public enum InputKey: Sendable, Equatable {
    case character(Character)
    case left, right, up, down
    case home, end, pageUp, pageDown
    case enter, backspace, escape, tab
    /// Ctrl-C arrives as a signal, not a key; other control keys may arrive here.
    case control(Character)
    /// An escape sequence the backend does not know (a function key, say): never read as Esc.
    case unknown
}
