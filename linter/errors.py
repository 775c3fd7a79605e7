"""Errors a user can fix. The CLI prints each as one line and exits with 2."""


class KzlintError(Exception):
    """Base of every error that is the input's or the configuration's fault, not a bug."""


class InputError(KzlintError):
    """A text to compare cannot be read as UTF-8 text."""


class UsageError(KzlintError):
    """A command was given the wrong arguments, such as one text where it compares several."""


class ConfigError(KzlintError):
    """A configuration file or option is invalid."""


class RuleFileError(KzlintError):
    """A rule file is malformed; the message names the file and line."""


class BackendUnavailable(KzlintError):
    """A grammar backend was asked for but cannot run here; the message says how to fix it."""


class BackendFailed(BackendUnavailable):
    """A configured grammar server did not answer usably (down, too slow, garbage) after a few tries.

    Not the user's configuration but the server's state: a run that meets it
    goes on without grammar findings and says so in its report.
    """
