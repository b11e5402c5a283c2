"""The words every command's parser says: argparse's own (cli/argparse_da.py; the English is
argparse's own text, letter for letter) and the global options. Loaded first with core
(messages/__init__.py FIRST), so that ``logbog host`` loads no other part."""

MESSAGES = {
    "argparse.usage": ("brug: ", "usage: "),
    "argparse.options": ("tilvalg", "options"),
    "argparse.positional": ("positionelle argumenter", "positional arguments"),
    "argparse.help": ("vis denne hjælp og afslut", "show this help message and exit"),
    "argparse.invalid_choice": ("ugyldigt valg: %(value)r (vælg mellem %(choices)s)",
                                "invalid choice: %(value)r (choose from %(choices)s)"),
    "argparse.required": ("de følgende argumenter er påkrævet: %s", "the following arguments are required: %s"),
    "argparse.unrecognized": ("ukendte argumenter: %s", "unrecognized arguments: %s"),
    "argparse.argument": ("argument %(argument_name)s: %(message)s", "argument %(argument_name)s: %(message)s"),
    "argparse.not_allowed_with": ("kan ikke bruges sammen med argumentet %s", "not allowed with argument %s"),
    "argparse.one_required": ("et af argumenterne %s er påkrævet", "one of the arguments %s is required"),
    "argparse.expected_one": ("forventede ét argument", "expected one argument"),
    "argparse.expected_at_most_one": ("forventede højst ét argument", "expected at most one argument"),
    "argparse.expected_at_least_one": ("forventede mindst ét argument", "expected at least one argument"),
    "argparse.expected_n_one": ("forventede %s argument", "expected %s argument"),
    "argparse.expected_n": ("forventede %s argumenter", "expected %s arguments"),
    "argparse.ambiguous": ("tvetydigt tilvalg: %(option)s kan være %(matches)s",
                           "ambiguous option: %(option)s could match %(matches)s"),
    "argparse.invalid_value": ("ugyldig %(type)s-værdi: %(value)r", "invalid %(type)s value: %(value)r"),
    "argparse.ignored_explicit": ("ignorerede eksplicit argument %r", "ignored explicit argument %r"),
    "argparse.unknown_parser": ("ukendt kommando %(parser_name)r (valg: %(choices)s)",
                                "unknown parser %(parser_name)r (choices: %(choices)s)"),
    "cli.command": ("kommandoen; logbog KOMMANDO --help viser dens tilvalg",
                    "the command; logbog COMMAND --help shows its options"),
    "cli.opt.version": ("vis programmets version og afslut", "show the program's version and exit"),
}
