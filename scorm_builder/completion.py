"""Shell completion for PowerShell (click itself completes bash, zsh and fish).

Setup (README.md, "Shell completion"): add to the PowerShell profile
    $env:_SCORM_BUILDER_COMPLETE = "powershell_source"; scorm-builder | Out-String | Invoke-Expression
    Remove-Item Env:_SCORM_BUILDER_COMPLETE
"""
from __future__ import annotations

import os

from click.shell_completion import CompletionItem, ShellComplete, add_completion_class, split_arg_string

_SOURCE_POWERSHELL = """\
Register-ArgumentCompleter -Native -CommandName %(prog_name)s -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $line = $commandAst.ToString()
    if ($line.Length -gt $cursorPosition) { $line = $line.Substring(0, $cursorPosition) }
    $env:COMP_LINE = $line
    $env:COMP_INCOMPLETE = $wordToComplete
    $env:%(complete_var)s = "powershell_complete"
    %(prog_name)s | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
    Remove-Item Env:%(complete_var)s, Env:COMP_LINE, Env:COMP_INCOMPLETE
}
"""


class PowerShellComplete(ShellComplete):
    """The command line up to the cursor and the word being typed come in COMP_LINE and COMP_INCOMPLETE."""

    name = "powershell"
    source_template = _SOURCE_POWERSHELL

    def get_completion_args(self) -> tuple[list[str], str]:
        args = split_arg_string(os.environ.get("COMP_LINE", ""))[1:]
        incomplete = os.environ.get("COMP_INCOMPLETE", "")
        if incomplete and args and args[-1] == incomplete:
            args = args[:-1]
        return args, incomplete

    def format_completion(self, item: CompletionItem) -> str:
        return item.value


add_completion_class(PowerShellComplete)
