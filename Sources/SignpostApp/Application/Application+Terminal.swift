import Foundation
import SignpostTerminal

extension Application {
    /// Runs the interface on a real terminal until the user quits.
    ///
    /// Every key redraws a whole frame; the terminal backend sends only the
    /// cells that changed. Toasts expire on their own, so the read waits no
    /// longer than the next expiry.
    public func run(on terminal: NcursesTerminal) {
        while isRunning {
            collectBackgroundWork()
            terminal.beginFrame()
            refreshFromSync()
            render(on: terminal)
            terminal.present()
            guard let key = terminal.readKey(timeout: nextRedraw) else { continue }
            handle(key, size: terminal.size)
        }
    }
}
