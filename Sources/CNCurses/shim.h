// What Swift cannot import from ncurses directly: attribute macros, the wide API's
// feature macro, and a few helpers. Attribute bits come from ncurses itself, never hard-coded.
#ifndef NN_TUTOR_CNCURSES_SHIM_H
#define NN_TUTOR_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <ncurses.h>
#include <term.h>

static const attr_t nn_attr_normal = A_NORMAL;
static const attr_t nn_attr_bold = A_BOLD;
static const attr_t nn_attr_reverse = A_REVERSE;
static const attr_t nn_attr_dim = A_DIM;
static const attr_t nn_attr_underline = A_UNDERLINE;

/// True when the terminal can address the cursor: without `cup` a full screen is impossible
/// (TERM=dumb initialises but draws garbage).
static inline int nn_terminal_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/// Draws one wide character with attributes and colour pair at (y, x).
static inline int nn_put_cell(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}

static inline const char *nn_codeset(void) { return nl_langinfo(CODESET); }

/// newterm on the process's own stdin/stdout; Swift 6 cannot touch those C globals directly.
static inline SCREEN *nn_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }

/// The screen's main window (the `stdscr` global, which Swift 6 cannot read safely).
static inline WINDOW *nn_stdscr(void) { return stdscr; }

/// How many colour pairs the terminal has (the `COLOR_PAIRS` global).
static inline int nn_color_pairs(void) { return COLOR_PAIRS; }

#endif
