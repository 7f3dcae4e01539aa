"""The starter library of coaching tasks: small things that make someone better at social
in a week, none of which is "post more". Comms leads start from these and adapt them."""

from dataclasses import dataclass

from advocacy.coaching.models import CoachingTaskKind


@dataclass(frozen=True)
class StarterTask:
    kind: str
    title: str
    description: str


STARTER_TASKS: tuple[StarterTask, ...] = (
    StarterTask(
        kind=CoachingTaskKind.PROFILE_SUMMARY,
        title="Complete your profile summary",
        description="Say what you work on and who you like to talk with, and add one or two connection points "
        "(a topic you know well, an event you go to) so the people you want to reach can find common ground.",
    ),
    StarterTask(
        kind=CoachingTaskKind.FOLLOW_COMPANY,
        title="Follow the company accounts",
        description="Follow the company's accounts on the networks you use, so you see what is announced "
        "before someone asks you about it.",
    ),
    StarterTask(
        kind=CoachingTaskKind.REPLY_TO_AUDIENCE,
        title="Reply to one person in your audience",
        description="Find one post by someone you want to reach and add something useful to it: a question, "
        "an experience, a link that helps. No pitch.",
    ),
    StarterTask(
        kind=CoachingTaskKind.OWN_WORDS_SHARE,
        title="Share something you read, in your own words",
        description="Pick one item from your feed that you actually read, and say what you took from it and "
        "why it matters to the people you talk with.",
    ),
    StarterTask(
        kind=CoachingTaskKind.READ_POLICY,
        title="Read the policy update",
        description="Read what changed in the social media policy and acknowledge it, so nothing stands in the "
        "way of your next share.",
    ),
)

STARTER_TASKS_BY_KIND: dict[str, StarterTask] = {task.kind: task for task in STARTER_TASKS}
