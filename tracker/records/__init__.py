"""What a source said, as frozen dataclasses: bills (`bills`) and schedules, legislators and
committees (`schedule`). No IO; they import nothing of the tracker but `tracker.vocab`."""
