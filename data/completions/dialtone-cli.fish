# SPDX-License-Identifier: GPL-3.0-or-later
# fish completion for dialtone-cli: commands, options, entry names from the phonebook (fish
# quotes them), serial devices for --device and for `modem query`, RAS error codes with their
# meaning.  Entry
# names and devices come from `dialtone-cli __complete`, which never changes the phonebook
# and prints nothing when it is missing or corrupt.  Keep in step with dialtone-cli.bash.

# The entry names of the phonebook in use: the one after --phonebook, if the line has one.
function __dialtone_cli_entries
    set -l tokens (commandline -opc)
    set -l book
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case --phonebook
                set -l next (math $i + 1)
                test $next -le (count $tokens); and set book $tokens[$next]
            case '--phonebook=*'
                set book (string replace -- --phonebook= '' $tokens[$i])
        end
    end
    dialtone-cli __complete entries $book 2>/dev/null
end

# True until the entry's name is on the line: the words that are neither options nor their
# values are the command (and for entry, its subcommand), then the name.
function __dialtone_cli_wants_entry
    set -l tokens (commandline -opc)
    set -l with_value --device --number --alternate --user --domain --auth --speed --flow \
        --init --dial-timeout --echo-interval --echo-failures --hangup-after --phonebook \
        --route --default-gateway --area-code --country-code --dialing-rules --format --entry \
        --rings --calls --incoming --callback --callback-number --compression --ipv6 --sub-entry \
        --multilink-dial --login-script-file --require-server-auth
    set -l words
    set -l i 2
    while test $i -le (count $tokens)
        if contains -- $tokens[$i] $with_value
            set i (math $i + 1)
        else if not string match -q -- '-*' $tokens[$i]
            set -a words $tokens[$i]
        end
        set i (math $i + 1)
    end
    test "$words[1]" = entry; and test (count $words) -eq 2; and return 0
    # modem query PORT: the port is its "entry".
    test "$words[1]" = modem; and test (count $words) -eq 2; and return 0
    test "$words[1]" = dial; and test (count $words) -eq 1
end

complete -c dialtone-cli -f

complete -c dialtone-cli -n __fish_use_subcommand -a dial -d 'Dial an entry or a modem'
complete -c dialtone-cli -n __fish_use_subcommand -a entry -d 'List, show, add or remove entries'
complete -c dialtone-cli -n __fish_use_subcommand -a error -d 'What RAS error codes mean'
complete -c dialtone-cli -n __fish_use_subcommand -a answer -d 'Answer calls: let others dial in'
complete -c dialtone-cli -n __fish_use_subcommand -a user -d 'The users who may dial in'
complete -c dialtone-cli -n __fish_use_subcommand -a modem -d 'Ask a modem which it is'
complete -c dialtone-cli -n __fish_use_subcommand -l help -d 'Show the commands'
complete -c dialtone-cli -n __fish_use_subcommand -l version -d 'Show the version'

# dial
set -l dial '__fish_seen_subcommand_from dial'
complete -c dialtone-cli -n "$dial; and __dialtone_cli_wants_entry" -a '(__dialtone_cli_entries)'
complete -c dialtone-cli -n $dial -l device -r -F -a '(dialtone-cli __complete devices 2>/dev/null)' -d 'Serial device of the modem'
complete -c dialtone-cli -n $dial -l number -x -d 'Phone number to dial'
complete -c dialtone-cli -n $dial -l alternate -x -d 'An alternate number'
complete -c dialtone-cli -n $dial -l user -x -d 'User name'
complete -c dialtone-cli -n $dial -l domain -x -d Domain
complete -c dialtone-cli -n $dial -l password-stdin -d 'Read the password from standard input'
complete -c dialtone-cli -n $dial -l auth -x -a 'pap chap mschapv2 pap,chap,mschapv2 chap,mschapv2' -d 'Allowed authentication'
complete -c dialtone-cli -n $dial -l speed -x -a '115200 57600 38400 19200 9600' -d 'Port speed'
complete -c dialtone-cli -n $dial -l flow -x -a 'none hardware software' -d 'Flow control'
complete -c dialtone-cli -n $dial -l init -x -d 'A modem init string'
complete -c dialtone-cli -n $dial -l pulse -d 'Pulse dialing'
complete -c dialtone-cli -n $dial -l direct -d 'A direct serial cable'
complete -c dialtone-cli -n $dial -l dial-timeout -x -d 'Seconds to wait for the modem'
complete -c dialtone-cli -n $dial -l echo-interval -x -d 'Seconds between LCP echoes'
complete -c dialtone-cli -n $dial -l echo-failures -x -d 'Unanswered echoes before giving up'
complete -c dialtone-cli -n $dial -l no-network -d 'Stop at Connected, without a network device'
complete -c dialtone-cli -n $dial -l hangup-after -x -d 'Hang up after this many seconds'
complete -c dialtone-cli -n $dial -l phonebook -r -F -d 'Phonebook file to use'
complete -c dialtone-cli -n $dial -l json -d 'One JSON object per line'
complete -c dialtone-cli -n $dial -l debug -d 'Connection log and packet trace'

# entry
set -l entry '__fish_seen_subcommand_from entry'
set -l no_sub 'not __fish_seen_subcommand_from list show set remove import export'
complete -c dialtone-cli -n "$entry; and $no_sub" -l phonebook -r -F -d 'Phonebook file to use'
complete -c dialtone-cli -n "__fish_seen_subcommand_from dial entry error answer user modem" -l help -d "Show the command's options"
complete -c dialtone-cli -n "$entry; and $no_sub" -a list -d 'List the entries'
complete -c dialtone-cli -n "$entry; and $no_sub" -a show -d 'Show an entry'
complete -c dialtone-cli -n "$entry; and $no_sub" -a set -d 'Add or change an entry'
complete -c dialtone-cli -n "$entry; and $no_sub" -a remove -d 'Remove an entry and its password'
complete -c dialtone-cli -n "$entry; and $no_sub" -a import -d 'Import wvdial, kppp or Windows connections'
complete -c dialtone-cli -n "$entry; and $no_sub" -a export -d 'Write an entry for wvdial or Windows'
complete -c dialtone-cli -n "$entry; and __fish_seen_subcommand_from show set remove export; and __dialtone_cli_wants_entry" -a '(__dialtone_cli_entries)'
complete -c dialtone-cli -n "$entry; and __fish_seen_subcommand_from show" -l json -d 'One JSON object'
set -l entry_set "$entry; and __fish_seen_subcommand_from set"
complete -c dialtone-cli -n $entry_set -l device -r -F -a '(dialtone-cli __complete devices 2>/dev/null)' -d 'Serial device of the modem'
complete -c dialtone-cli -n $entry_set -l number -x -d 'Phone number'
complete -c dialtone-cli -n $entry_set -l user -x -d 'User name'
complete -c dialtone-cli -n $entry_set -l domain -x -d Domain
complete -c dialtone-cli -n $entry_set -l direct -d 'A direct serial cable'
complete -c dialtone-cli -n $entry_set -l route -x -d 'A network reached through the connection'
complete -c dialtone-cli -n $entry_set -l no-routes -d "Remove the entry's routes"
complete -c dialtone-cli -n $entry_set -l default-gateway -x -a 'yes no' -d 'Default route through it'
complete -c dialtone-cli -n $entry_set -l ipv6 -x -a 'yes no' -d 'IPv6 too, or IPv4 only'
complete -c dialtone-cli -n $entry_set -l sub-entry -r -F -a '(dialtone-cli __complete devices 2>/dev/null)' -d 'Another modem, bundled by multilink'
complete -c dialtone-cli -n $entry_set -l no-sub-entries -d "Dial the entry's own modem only"
complete -c dialtone-cli -n $entry_set -l multilink-dial -x -a 'all as-needed' -d 'Dial the sub-entries together or as needed'
complete -c dialtone-cli -n $entry_set -l password-stdin -d 'Remember the password from standard input'
complete -c dialtone-cli -n $entry_set -l area-code -x -d "The number's area code"
complete -c dialtone-cli -n $entry_set -l country-code -x -d "The number's country code"
complete -c dialtone-cli -n $entry_set -l dialing-rules -x -a 'yes no' -d 'Dial as your location needs'
complete -c dialtone-cli -n $entry_set -l compression -x -a 'yes no' -d 'Compress data (VJ and Deflate)'
complete -c dialtone-cli -n $entry_set -l login-script-file -r -F -d 'Take the login script from this file'
complete -c dialtone-cli -n $entry_set -l require-server-auth -x -a 'yes no' -d 'The server must prove its identity'
set -l entry_import "$entry; and __fish_seen_subcommand_from import"
complete -c dialtone-cli -n "$entry_import; and __dialtone_cli_wants_entry" -F
complete -c dialtone-cli -n $entry_import -l format -x -a 'wvdial kppp pbk' -d "The file's format"
complete -c dialtone-cli -n $entry_import -l dry-run -d 'Show what would be imported'
complete -c dialtone-cli -n $entry_import -l json -d 'One JSON object'
complete -c dialtone-cli -n $entry_import -l entry -x -d 'Import only this connection'
complete -c dialtone-cli -n $entry_import -l device -r -F -a '(dialtone-cli __complete devices 2>/dev/null)' -d 'The modem'
complete -c dialtone-cli -n "$entry; and __fish_seen_subcommand_from export" -l format -x -a 'wvdial pbk' -d Format

# error: the codes, with what each means.
complete -c dialtone-cli -n '__fish_seen_subcommand_from error' -a '(dialtone-cli error 2>/dev/null)'

# answer
set -l answer '__fish_seen_subcommand_from answer'
complete -c dialtone-cli -n $answer -l device -r -F -a '(dialtone-cli __complete devices 2>/dev/null)' -d 'Serial device of the modem that answers'
complete -c dialtone-cli -n $answer -l direct -d 'A direct serial cable'
complete -c dialtone-cli -n $answer -l rings -x -d 'Rings before answering'
complete -c dialtone-cli -n $answer -l calls -x -d 'Stop after this many calls'
complete -c dialtone-cli -n $answer -l no-network -d 'Connect callers without a network device'
complete -c dialtone-cli -n $answer -l incoming -r -F -d 'Incoming Connections settings file'
complete -c dialtone-cli -n $answer -l json -d 'One JSON object per line'
complete -c dialtone-cli -n $answer -l debug -d 'Log and packet trace'

# user
set -l user '__fish_seen_subcommand_from user'
set -l user_sub 'not __fish_seen_subcommand_from add set remove list'
complete -c dialtone-cli -n "$user; and $user_sub" -a add -d 'Add a user, with a password'
complete -c dialtone-cli -n "$user; and $user_sub" -a set -d 'Change a user'
complete -c dialtone-cli -n "$user; and $user_sub" -a remove -d 'Remove a user, and their password'
complete -c dialtone-cli -n "$user; and $user_sub" -a list -d 'List the users'
complete -c dialtone-cli -n "$user; and __fish_seen_subcommand_from add set remove list" -l incoming -r -F -d 'Incoming Connections settings file'
complete -c dialtone-cli -n "$user; and __fish_seen_subcommand_from add set" -l password-stdin -d 'The password from standard input'
complete -c dialtone-cli -n "$user; and __fish_seen_subcommand_from set" -l password -d 'Ask for a new password'
complete -c dialtone-cli -n "$user; and __fish_seen_subcommand_from set" -l enable -d 'The account may dial in'
complete -c dialtone-cli -n "$user; and __fish_seen_subcommand_from add set" -l disable -d 'The account may not dial in'
complete -c dialtone-cli -n "$user; and __fish_seen_subcommand_from add set" -l callback -x -a 'none caller preset' -d 'Callback'
complete -c dialtone-cli -n "$user; and __fish_seen_subcommand_from add set" -l callback-number -x -d 'The number a preset callback dials'
complete -c dialtone-cli -n "$user; and __fish_seen_subcommand_from list" -l json -d 'One JSON object per line'

# modem query PORT
set -l modem '__fish_seen_subcommand_from modem'
complete -c dialtone-cli -n "$modem; and not __fish_seen_subcommand_from query" -a query -d 'Ask the modem on PORT which it is'
set -l modem_query "$modem; and __fish_seen_subcommand_from query"
complete -c dialtone-cli -n "$modem_query; and __dialtone_cli_wants_entry" -F -a '(dialtone-cli __complete devices 2>/dev/null)'
complete -c dialtone-cli -n $modem_query -l json -d 'One JSON object'
complete -c dialtone-cli -n $modem_query -l speed -x -a '115200 57600 38400 19200 9600' -d 'Port speed'
