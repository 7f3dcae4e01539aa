"""Input and output shapes of the coaching app, one module per feature: ``readiness``,
``cohorts``, ``coaching`` (tasks and my week) and ``insights``; ``common`` holds what they share."""
