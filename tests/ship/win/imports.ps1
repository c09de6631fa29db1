# The PE import-table check on real Windows (the same rule as
# tests/win/check_imports.sh): ipcfg.exe imports only kernel32, ws2_32 and
# the C runtime, never iphlpapi.dll (it loads that from system32 at run
# time), and is built for the expected machine.  A control exe that links
# iphlpapi.dll statically (win_static_import) must be rejected.
#
#   pwsh tests/ship/win/imports.ps1 -BuildDir build\msvc-x64 -Arch x64
#   pwsh tests/ship/win/imports.ps1 -BuildDir build\mingw64 -Arch x64 -Objdump C:\msys64\mingw64\bin\objdump.exe
#
# Reads the imports with dumpbin /dependents (MSVC, found with vswhere) or,
# given -Objdump, with MinGW's objdump -p.
# SPDX-License-Identifier: MIT
param(
    [Parameter(Mandatory)][string]$BuildDir,
    [Parameter(Mandatory)][ValidateSet('x64', 'x86')][string]$Arch,
    [string]$Objdump = ''
)
. "$PSScriptRoot/common.ps1"

$dumpbin = $null
if (-not $Objdump) {
    $vswhere = Join-Path ${env:ProgramFiles(x86)} 'Microsoft Visual Studio\Installer\vswhere.exe'
    $dumpbin = & $vswhere -latest -products * -find 'VC\Tools\MSVC\**\bin\Hostx64\x64\dumpbin.exe' | Select-Object -First 1
    if (-not $dumpbin) { throw 'dumpbin.exe not found (vswhere); pass -Objdump' }
}

# -> @{ Dlls = lower-case names; Machine = x64|x86|? }
function Get-PeInfo([string]$Exe) {
    if ($dumpbin) {
        $deps = Invoke-Native -Exe $dumpbin -Arguments @('/nologo', '/dependents', $Exe)
        $hdr = Invoke-Native -Exe $dumpbin -Arguments @('/nologo', '/headers', $Exe)
        $dlls = @($deps.Out -split "`r?`n" | Where-Object { $_ -match '^\s+([A-Za-z0-9_.\-]+\.dll)\s*$' } |
            ForEach-Object { $Matches[1].ToLowerInvariant() })
        $machine = if ($hdr.Out -match 'machine \(x64\)') { 'x64' } elseif ($hdr.Out -match 'machine \(x86\)') { 'x86' } else { '?' }
    } else {
        $p = Invoke-Native -Exe $Objdump -Arguments @('-p', $Exe)
        $f = Invoke-Native -Exe $Objdump -Arguments @('-f', $Exe)
        $dlls = @($p.Out -split "`r?`n" | Where-Object { $_ -match 'DLL Name:\s*(\S+)' } |
            ForEach-Object { $Matches[1].ToLowerInvariant() })
        $machine = if ($f.Out -match 'file format pei-x86-64') { 'x64' } elseif ($f.Out -match 'file format pei-i386') { 'x86' } else { '?' }
    }
    [pscustomobject]@{ Dlls = $dlls; Machine = $machine }
}

function Test-Imports([string]$Exe) {
    $info = Get-PeInfo $Exe
    $bad = @()
    foreach ($d in $info.Dlls) {
        if ($d -eq 'iphlpapi.dll') { $bad += "$d (must be loaded from system32 at run time)"; continue }
        if ($d -in @('kernel32.dll', 'ws2_32.dll', 'msvcrt.dll', 'ucrtbase.dll') -or $d -like 'api-ms-win-crt-*.dll') { continue }
        $bad += $d
    }
    if ($info.Dlls -notcontains 'kernel32.dll') { $bad += '(kernel32.dll missing: output not understood?)' }
    [pscustomobject]@{ Info = $info; Bad = $bad }
}

$exe = Find-BuildFile -Dir $BuildDir -Name 'ipcfg.exe'
$r = Test-Imports $exe
Write-Host "$exe ($($r.Info.Machine)) imports: $($r.Info.Dlls -join ' ')"
if ($r.Info.Machine -ne $Arch) { Fail "ipcfg.exe is built for '$($r.Info.Machine)', expected '$Arch'" }
if ($r.Bad.Count -gt 0) { Fail "ipcfg.exe imports: $($r.Bad -join ', ')" } else { Pass 'ipcfg.exe imports only kernel32, ws2_32 and the C runtime' }

# the control: the check must reject an exe that imports iphlpapi.dll
$ctl = Find-BuildFile -Dir $BuildDir -Name 'win_static_import.exe'
$c = Test-Imports $ctl
if ($c.Info.Dlls -contains 'iphlpapi.dll' -and $c.Bad.Count -gt 0) { Pass 'the check rejects win_static_import.exe (imports iphlpapi.dll)' }
else { Fail "the control win_static_import.exe was not rejected (imports: $($c.Info.Dlls -join ' '))" }

Exit-WithResult 'import table'
