"""The app's screens: home, the five steps and the modal dialogs."""
