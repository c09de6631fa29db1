# Smoke tests of the real ipcfg.exe against the real network stack of a
# Windows machine (a GitHub-hosted runner; elevated).  Never /release or
# /renew a real adapter: it would cut the machine off.  The only change is
# one address from 192.0.2.0/24 (TEST-NET-1) with a /32 mask, added to the
# adapter of the default route and removed again, also when a check fails
# (and cleanup.ps1 removes it in a separate step that always runs).
#
#   pwsh tests/ship/win/smoke.ps1 -BuildDir build\msvc-x64 [-TestAddress 192.0.2.123]
# SPDX-License-Identifier: MIT
param(
    [Parameter(Mandatory)][string]$BuildDir,
    [string]$TestAddress = '192.0.2.123'
)
. "$PSScriptRoot/common.ps1"

$exe = Find-BuildFile -Dir $BuildDir -Name 'ipcfg.exe'
Write-Host "ipcfg: $exe"
function ipcfg { Invoke-Native -Exe $exe -Arguments $args }

function Expect-Code($r, [int]$Code, [string]$What) {
    if ($r.Code -eq $Code) { Pass "$What -> exit $Code" } else { Show-Result $r; Fail "$What`: exit $($r.Code), expected $Code" }
}

# Adapter names and IPv4 addresses from the ipconfig text layout (ipcfg's
# and ipconfig's are the same): headings "<Type> adapter <Name>:" and the
# "IPv4 Address" / "Autoconfiguration IPv4 Address" lines.
function Get-Layout([string]$Text) {
    $names = @()
    $v4 = @()
    foreach ($line in ($Text -split "`r?`n")) {
        if ($line -match '^\S.* adapter (.+):\s*$') { $names += $Matches[1] }
        elseif ($line -match '^\s+(?:Autoconfiguration )?IPv4 Address[ .]*: ([0-9.]+)') { $v4 += $Matches[1] }
    }
    [pscustomobject]@{ Names = @($names | Sort-Object -Unique); V4 = @($v4 | Sort-Object -Unique) }
}

function Test-AddressPresent([string]$Address) {
    $null -ne (Get-NetIPAddress -IPAddress $Address -AddressFamily IPv4 -ErrorAction SilentlyContinue)
}

# ---- read-only verbs ------------------------------------------------------------
$r = ipcfg '/version'
Expect-Code $r 0 'ipcfg /version'
if ($r.Out -notmatch '^ipcfg \d+\.\d+\.\d+') { Fail "/version printed '$($r.Out.Trim())'" }

$all = ipcfg '/all'
Expect-Code $all 0 'ipcfg /all'
if ($all.Out -notmatch '(?m)^Windows IP Configuration\r?$') { Fail '/all has no "Windows IP Configuration" title' }
if ($all.Out -notmatch '(?m)^   Host Name[ .]*: \S') { Fail '/all has no Host Name' }

$r = ipcfg
Expect-Code $r 0 'ipcfg (brief)'

$r = ipcfg '/addrtable'
Expect-Code $r 0 'ipcfg /addrtable'
if ($r.Out -notmatch '127\.0\.0\.1') { Fail '/addrtable does not list 127.0.0.1' }

foreach ($v in @(@('/json'), @('/all', '/json'), @('-all', '--json'), @('/addrtable', '/json'), @('/version', '/json'))) {
    $r = Invoke-Native -Exe $exe -Arguments $v
    $what = "ipcfg $($v -join ' ')"
    if ($r.Code -ne 0) { Show-Result $r; Fail "$what`: exit $($r.Code)"; continue }
    try {
        $doc = $r.Out | ConvertFrom-Json
        $wantAdapters = ($v -join ' ') -notmatch 'addrtable|version'
        if ($wantAdapters -and ($doc.PSObject.Properties.Name -notcontains 'adapters')) { Fail "$what`: no adapters key" }
        else { Pass "$what parses as JSON" }
    }
    catch { Show-Result $r; Fail "$what`: not JSON: $_" }
}

# ---- exit codes that change nothing ----------------------------------------------
Expect-Code (ipcfg '/renew6') 6 'ipcfg /renew6'
Expect-Code (ipcfg '/release6') 6 'ipcfg /release6'
Expect-Code (ipcfg '/renew' 'nosuch') 2 'ipcfg /renew nosuch'
Expect-Code (ipcfg '/bogus') 1 'ipcfg /bogus'
Expect-Code (ipcfg '/delete' '192.0.2.254') 2 'ipcfg /delete of an address that does not exist'

# ---- the same adapters and IPv4 addresses as the system's own ipconfig -------------
$ipconfig = Join-Path $env:SystemRoot 'System32\ipconfig.exe'
$sys = Invoke-Native -Exe $ipconfig -Arguments @('/all')
$mine = Get-Layout $all.Out
$theirs = Get-Layout $sys.Out
Write-Host "ipconfig /all adapters: $($theirs.Names -join ' | ')"
Write-Host "ipcfg /all adapters:    $($mine.Names -join ' | ')"
Write-Host "ipconfig /all IPv4: $($theirs.V4 -join ' ')"
Write-Host "ipcfg /all IPv4:    $($mine.V4 -join ' ')"
if ($theirs.Names.Count -eq 0) { Show-Result $sys; Fail 'no adapter found in ipconfig /all (layout not understood?)' }
if (($theirs.Names -join "`n") -ceq ($mine.Names -join "`n")) { Pass 'adapter names are those of ipconfig /all' }
else { Fail 'adapter names differ from ipconfig /all (lists above)' }
if (($theirs.V4 -join "`n") -ceq ($mine.V4 -join "`n")) { Pass 'IPv4 addresses are those of ipconfig /all' }
else { Fail 'IPv4 addresses differ from ipconfig /all (lists above)' }

# ---- ipconfig's bytes: CR LF line ends, the blank after a status -------------------
# (redirected output, as a script reads it; docs/windows.md, "Output encoding")
foreach ($o in @(@{ Name = 'ipconfig /all'; Text = $sys.Out }, @{ Name = 'ipcfg /all'; Text = $all.Out })) {
    if ($o.Text -match "(^|[^`r])`n") { Fail "$($o.Name) has a line that does not end with CR LF" }
    else { Pass "$($o.Name): every line ends with CR LF" }
}
$theirStatus = @([regex]::Matches($sys.Out, '\((Preferred|Deprecated|Tentative|Duplicate)\)( ?)
') | ForEach-Object { $_.Groups[2].Value })
$myStatus = @([regex]::Matches($all.Out, '\((Preferred|Deprecated|Tentative|Duplicate)\)( ?)
') | ForEach-Object { $_.Groups[2].Value })
Write-Host "status endings: ipconfig '$($theirStatus -join '|')', ipcfg '$($myStatus -join '|')'"
if ($myStatus -contains '') { Fail 'ipcfg /all ends a status without the blank' }
elseif ($theirStatus.Count -gt 0 -and $theirStatus -contains '') { Fail "this Windows' ipconfig ends a status without a blank: the contract's form differs from it" }
else { Pass 'every status ends with a blank, as ipconfig writes it' }

# ---- /add then /delete of a TEST-NET-1 /32 on the runner's adapter ------------------
$route = Get-NetRoute -DestinationPrefix '0.0.0.0/0' -AddressFamily IPv4 -ErrorAction SilentlyContinue |
    Sort-Object -Property RouteMetric, InterfaceMetric | Select-Object -First 1
if (-not $route) {
    Fail 'no IPv4 default route: no adapter for the /add test'
}
elseif (Test-AddressPresent $TestAddress) {
    Fail "$TestAddress is already on this machine: not touching it"
}
else {
    $adapter = $route.InterfaceAlias
    Write-Host "adapter for /add: '$adapter'"
    try {
        $r = ipcfg '/add' $adapter $TestAddress '/32'
        Expect-Code $r 0 "ipcfg /add `"$adapter`" $TestAddress /32"
        if ($r.Out -notmatch [regex]::Escape("Added $TestAddress, subnet mask 255.255.255.255, to $adapter")) {
            Show-Result $r; Fail '/add printed no "Added ..." line'
        }
        $present = $false
        for ($i = 0; $i -lt 10 -and -not $present; $i++) { $present = Test-AddressPresent $TestAddress; if (-not $present) { Start-Sleep -Milliseconds 500 } }
        if ($present) { Pass "$TestAddress is on '$adapter' (Get-NetIPAddress)" } else { Fail "$TestAddress not found with Get-NetIPAddress after /add" }
        $t = ipcfg '/addrtable'
        if ($t.Out -match [regex]::Escape($TestAddress)) { Pass "/addrtable lists $TestAddress" } else { Fail "/addrtable lacks $TestAddress" }

        Expect-Code (ipcfg '/add' $adapter $TestAddress '255.255.255.255') 7 'ipcfg /add of the same address again'

        $r = ipcfg '/delete' $TestAddress
        Expect-Code $r 0 "ipcfg /delete $TestAddress"
        $gone = $false
        for ($i = 0; $i -lt 10 -and -not $gone; $i++) { $gone = -not (Test-AddressPresent $TestAddress); if (-not $gone) { Start-Sleep -Milliseconds 500 } }
        if ($gone) { Pass "$TestAddress is gone" } else { Fail "$TestAddress still present after /delete" }
        Expect-Code (ipcfg '/delete' $TestAddress) 2 "ipcfg /delete $TestAddress again"
    }
    finally {
        if (Test-AddressPresent $TestAddress) {
            Write-Host "cleanup: removing $TestAddress"
            Invoke-Native -Exe $exe -Arguments @('/delete', $TestAddress) | Out-Null
            if (Test-AddressPresent $TestAddress) {
                Remove-NetIPAddress -IPAddress $TestAddress -Confirm:$false -ErrorAction SilentlyContinue
            }
        }
    }
}

Exit-WithResult 'smoke'
