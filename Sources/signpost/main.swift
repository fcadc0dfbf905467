import SignpostCommands

Signpost.runAndExit()
