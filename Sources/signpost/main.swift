import SignpostCommands

await Signpost.runAndExit()
