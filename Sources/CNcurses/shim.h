#ifndef SIGNPOST_CNCURSES_SHIM_H
#define SIGNPOST_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

// Macros and shared globals that Swift cannot import or (in Swift 6 mode) read.

static inline WINDOW *signpost_stdscr(void) { return stdscr; }

/// Starts ncurses on the process's terminal; unlike initscr, returns NULL (rather than exiting)
/// when TERM is unknown.
static inline SCREEN *signpost_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int signpost_lines(void) { return LINES; }
static inline int signpost_cols(void) { return COLS; }
static inline int signpost_colors(void) { return COLORS; }
static inline int signpost_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t signpost_a_normal(void) { return A_NORMAL; }
static inline attr_t signpost_a_bold(void) { return A_BOLD; }
static inline attr_t signpost_a_reverse(void) { return A_REVERSE; }
static inline attr_t signpost_a_underline(void) { return A_UNDERLINE; }
static inline attr_t signpost_a_dim(void) { return A_DIM; }

static inline mmask_t signpost_click_mask(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED; }
static inline int signpost_is_click(mmask_t state) {
    return (state & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0;
}

/// Restores the terminal and exits; installed for SIGINT and SIGTERM so an interrupted
/// session never leaves the terminal in raw mode.
static inline void signpost_restore_and_exit(int signal_number) {
    if (!isendwin()) { endwin(); }
    // write(2) is safe in a signal handler; the practitioner learns what happened to their work.
    static const char message[] =
        "signpost: interrupted. Everything saved before now is kept (notes, levels and assessment fields are "
        "saved as each is finished); only the text being typed was not saved.\n";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
    _exit(128 + signal_number);
}

static inline void signpost_endwin_at_exit(void) {
    if (!isendwin()) { endwin(); }
}

/// Restores the terminal at exit; the signal handlers are installed from Swift (SignalCleanup), after
/// ncurses has installed its own, so that they also remove a training store's files.
static inline void signpost_install_exit_handler(void) {
    atexit(signpost_endwin_at_exit);
}

/// The C library's column width of a character (declared here because glibc hides it unless
/// _XOPEN_SOURCE is defined, which SwiftPM's module build does not do).
extern int wcwidth(wchar_t character);
static inline int signpost_wcwidth(wchar_t character) { return wcwidth(character); }

/// Writes one cell: a spacing character plus up to four combining characters.
static inline int signpost_put_cell(WINDOW *window, int y, int x, const wchar_t *characters, attr_t attributes,
                                    short pair) {
    cchar_t cell;
    if (setcchar(&cell, characters, attributes, pair, NULL) != OK) { return ERR; }
    return mvwadd_wch(window, y, x, &cell);
}
#endif
