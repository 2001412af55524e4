# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for dialtone-cli: commands, subcommands, options, entry names from the
# phonebook (quoted for the shell, spaces included), serial devices for --device and for
# `modem query`, RAS error codes, files to import, and the values of --auth, --flow, --speed,
# --format, --callback and the yes/no options.  Entry names and
# devices come from `dialtone-cli __complete`, which reads the phonebook without changing it
# and prints nothing when the file is missing or corrupt.  A new command or option goes in
# the lists below and in tests/completion/test-bash-completion.
# COMPREPLY=($(compgen …)) is how completions fill their candidates (words without blanks).
# shellcheck disable=SC2207

# Options that take a value, whose value is the next word.
_dialtone_cli_with_value='--device|--number|--alternate|--user|--domain|--auth|--speed|--flow'
_dialtone_cli_with_value+='|--init|--dial-timeout|--echo-interval|--echo-failures|--hangup-after'
_dialtone_cli_with_value+='|--phonebook|--route|--default-gateway|--area-code|--country-code'
_dialtone_cli_with_value+='|--dialing-rules|--format|--entry|--rings|--calls|--incoming|--callback'
_dialtone_cli_with_value+='|--callback-number|--compression|--ipv6|--sub-entry|--multilink-dial'
_dialtone_cli_with_value+='|--login-script-file|--require-server-auth'

# _dialtone_cli_unescape WORD: WORD as the command will get it: quotes and backslashes
# removed, a leading ~/ made $HOME/.  Nothing is expanded or run.
_dialtone_cli_unescape()
{
    local word=$1 out='' quote='' c i
    [[ $word == \~/* ]] && word=$HOME/${word:2}
    for ((i = 0; i < ${#word}; i++)); do
        c=${word:i:1}
        if [[ $quote == \' ]]; then
            [[ $c == \' ]] && quote= || out+=$c
        elif [[ $c == \\ && ( -z $quote || ${word:i+1:1} == [\\\"\$\`] ) ]]; then
            ((i++))
            out+=${word:i:1}
        elif [[ $c == [\"\'] && ( -z $quote || $c == "$quote" ) ]]; then
            [[ -z $quote ]] && quote=$c || quote=
        else
            out+=$c
        fi
    done
    printf '%s' "$out"
}

# _dialtone_cli_entries CUR [PHONEBOOK]: the entry names that start with what CUR says,
# quoted the way CUR is: backslashes when CUR has no open quote, none inside one (readline
# then closes the quote).
_dialtone_cli_entries()
{
    local cur=$1 quote='' prefix name escaped
    local -a names
    [[ $cur == [\"\']* ]] && quote=${cur:0:1}
    prefix=$(_dialtone_cli_unescape "$cur")
    mapfile -t names < <(dialtone-cli __complete entries ${2:+"$2"} 2>/dev/null)
    for name in "${names[@]}"; do
        [[ $name == "$prefix"* ]] || continue
        if [[ $quote == \" ]]; then
            escaped=${name//\\/\\\\}
            escaped=${escaped//\"/\\\"}
            escaped=${escaped//\$/\\\$}
            escaped=${escaped//\`/\\\`}
            COMPREPLY+=("$escaped")
        elif [[ $quote == \' ]]; then
            [[ $name == *\'* ]] || COMPREPLY+=("$name")
        else
            printf -v escaped '%q' "$name"
            COMPREPLY+=("$escaped")
        fi
    done
}

# _dialtone_cli_devices CUR: the serial ports Dialtone lists, or any path when none matches
# (a pty, a symlink of your own).
_dialtone_cli_devices()
{
    local -a devices
    mapfile -t devices < <(dialtone-cli __complete devices 2>/dev/null)
    COMPREPLY=($(compgen -W "${devices[*]}" -- "$1"))
    ((${#COMPREPLY[@]})) || _filedir
}

_dialtone_cli()
{
    local cur prev words cword split
    _init_completion -s -n : || return

    # The command, the subcommand, the entry named already, and a --phonebook given.
    local i word command='' subcommand='' entry='' phonebook=''
    for ((i = 1; i < cword; i++)); do
        word=${words[i]}
        case $word in
            --phonebook)
                phonebook=$(_dialtone_cli_unescape "${words[i + 1]}")
                ((i++))
                ;;
            --phonebook=*) phonebook=$(_dialtone_cli_unescape "${word#*=}") ;;
            --*=*) ;;
            -*)
                if [[ $word == @($_dialtone_cli_with_value) ]]; then
                    ((i++))
                fi
                ;;
            *)
                if [[ -z $command ]]; then
                    command=$word
                elif [[ $command == @(entry|modem|user) && -z $subcommand ]]; then
                    subcommand=$word
                elif [[ -z $entry ]]; then
                    entry=$word
                fi
                ;;
        esac
    done

    case $prev in
        --device | --sub-entry)
            _dialtone_cli_devices "$cur"
            return
            ;;
        --phonebook | --incoming | --login-script-file)
            _filedir
            return
            ;;
        --auth)
            # A comma-separated list: complete its last item, from the methods not listed yet.
            local done_items='' method methods=''
            [[ $cur == *,* ]] && done_items=${cur%,*},
            for method in pap chap mschapv2; do
                [[ ,$done_items == *,$method,* ]] || methods+=" $method"
            done
            COMPREPLY=($(compgen -P "$done_items" -W "$methods" -- "${cur##*,}"))
            compopt -o nospace
            return
            ;;
        --flow)
            COMPREPLY=($(compgen -W "none hardware software" -- "$cur"))
            return
            ;;
        --speed)
            COMPREPLY=($(compgen -W "115200 57600 38400 19200 9600" -- "$cur"))
            return
            ;;
        --default-gateway | --dialing-rules | --compression | --ipv6 | --require-server-auth)
            COMPREPLY=($(compgen -W "yes no" -- "$cur"))
            return
            ;;
        --multilink-dial)
            COMPREPLY=($(compgen -W "all as-needed" -- "$cur"))
            return
            ;;
        --callback)
            COMPREPLY=($(compgen -W "none caller preset" -- "$cur"))
            return
            ;;
        --format)
            if [[ $subcommand == export ]]; then
                COMPREPLY=($(compgen -W "wvdial pbk" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "wvdial kppp pbk" -- "$cur"))
            fi
            return
            ;;
        --number | --alternate | --user | --domain | --init | --dial-timeout | \
            --echo-interval | --echo-failures | --hangup-after | --route | --area-code | \
            --country-code | --entry | --rings | --calls | --callback-number)
            return
            ;;
    esac
    $split && return

    local options=''
    case $command in
        '')
            if [[ $cur == -* ]]; then
                options='--help --version'
            else
                COMPREPLY=($(compgen -W "dial entry error answer user modem" -- "$cur"))
                return
            fi
            ;;
        dial)
            options='--device --number --alternate --user --domain --password-stdin --auth
                --speed --flow --init --pulse --direct --dial-timeout --echo-interval
                --echo-failures --no-network --hangup-after --phonebook --json --debug --help'
            if [[ $cur != -* && -z $entry ]]; then
                _dialtone_cli_entries "$cur" "$phonebook"
                __ltrim_colon_completions "$cur"
                return
            fi
            ;;
        entry)
            case $subcommand in
                '')
                    options='--phonebook --help'
                    if [[ $cur != -* ]]; then
                        COMPREPLY=($(compgen -W "list show set remove import export" \
                            -- "$cur"))
                        return
                    fi
                    ;;
                import)
                    options='--format --dry-run --json --entry --device --help'
                    if [[ $cur != -* && -z $entry ]]; then
                        _filedir
                        return
                    fi
                    ;;
                list)
                    options='--help'
                    ;;
                show | set | remove | export)
                    case $subcommand in
                        show) options='--json --help' ;;
                        remove) options='--help' ;;
                        set) options='--device --number --user --domain --direct --route
                            --no-routes --default-gateway --ipv6 --sub-entry --no-sub-entries
                            --multilink-dial --password-stdin --area-code --country-code
                            --dialing-rules --compression --login-script-file
                            --require-server-auth --help' ;;
                        export) options='--format --help' ;;
                    esac
                    if [[ $cur != -* && -z $entry ]]; then
                        _dialtone_cli_entries "$cur" "$phonebook"
                        __ltrim_colon_completions "$cur"
                        return
                    fi
                    ;;
            esac
            ;;
        error)
            options='--help'
            if [[ $cur != -* ]]; then
                local -a codes
                mapfile -t codes < <(dialtone-cli error 2>/dev/null | cut -f1)
                COMPREPLY=($(compgen -W "${codes[*]}" -- "$cur"))
                return
            fi
            ;;
        answer)
            options='--device --direct --rings --calls --no-network --incoming --json --debug
                --help'
            ;;
        user)
            case $subcommand in
                '')
                    options='--help'
                    if [[ $cur != -* ]]; then
                        COMPREPLY=($(compgen -W "add set remove list" -- "$cur"))
                        return
                    fi
                    ;;
                add) options='--password-stdin --disable --callback --callback-number
                    --incoming --help' ;;
                set) options='--password-stdin --password --enable --disable --callback
                    --callback-number --incoming --help' ;;
                remove) options='--incoming --help' ;;
                list) options='--incoming --json --help' ;;
            esac
            ;;
        modem)
            case $subcommand in
                '')
                    options='--help'
                    if [[ $cur != -* ]]; then
                        COMPREPLY=($(compgen -W "query" -- "$cur"))
                        return
                    fi
                    ;;
                query)
                    options='--json --speed --help'
                    # The port: the first word that is no option.
                    if [[ $cur != -* && -z $entry ]]; then
                        _dialtone_cli_devices "$cur"
                        return
                    fi
                    ;;
            esac
            ;;
    esac
    [[ -n $options && $cur == -* ]] && COMPREPLY=($(compgen -W "$options" -- "$cur"))
} &&
    complete -F _dialtone_cli dialtone-cli

# ex: filetype=sh
