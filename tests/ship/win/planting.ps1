# The DLL-planting check on real Windows (as the planting cases of
# tests/win/wine_tests.sh do under Wine): a planted iphlpapi.dll beside
# ipcfg.exe, which is also the current directory, is never loaded and the
# real adapters are listed; the control program, which loads the DLL the
# naive way, does load it (so the check can fail).
#
#   pwsh tests/ship/win/planting.ps1 -BuildDir build\msvc-x64
# SPDX-License-Identifier: MIT
param([Parameter(Mandatory)][string]$BuildDir)
. "$PSScriptRoot/common.ps1"

$marker = 'PLANTED-IPHLPAPI-LOADED'
$exe = Find-BuildFile -Dir $BuildDir -Name 'ipcfg.exe'
$planted = Find-BuildFile -Dir $BuildDir -Name 'iphlpapi.dll' -Under 'planted'
$naive = Find-BuildFile -Dir $BuildDir -Name 'win_naive_loader.exe'
Write-Host "ipcfg: $exe`nplanted DLL: $planted`ncontrol: $naive"

$app = Join-Path ([System.IO.Path]::GetTempPath()) ("ipcfg-planting-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $app | Out-Null
try {
    Copy-Item $exe (Join-Path $app 'ipcfg.exe')
    Copy-Item $planted (Join-Path $app 'iphlpapi.dll')
    Copy-Item $naive (Join-Path $app 'naive_loader.exe')

    foreach ($verb in @(@('/all'), @('/addrtable'), @('/all', '/json'))) {
        $r = Invoke-Native -Exe (Join-Path $app 'ipcfg.exe') -Arguments $verb -WorkingDirectory $app
        $what = "ipcfg $($verb -join ' ') with a planted iphlpapi.dll beside it"
        if ($r.Code -ne 0) { Show-Result $r; Fail "$what`: exit $($r.Code)" }
        elseif ($r.Err -match $marker -or $r.Out -match $marker) { Show-Result $r; Fail "$what`: the planted DLL was loaded" }
        elseif ($verb[0] -eq '/all' -and $verb.Count -eq 1 -and $r.Out -notmatch '(?m)^\S.* adapter .+:\r?$') {
            Show-Result $r; Fail "$what`: no adapter listed (the real iphlpapi.dll was not used?)"
        }
        else { Pass $what }
    }

    $c = Invoke-Native -Exe (Join-Path $app 'naive_loader.exe') -WorkingDirectory $app
    if ($c.Err -match $marker) { Pass 'control: the naive loader loads the planted DLL' }
    else { Show-Result $c; Fail 'control: the naive loader did not load the planted DLL (the check proves nothing)' }
}
finally {
    Remove-Item -Recurse -Force $app -ErrorAction SilentlyContinue
}

Exit-WithResult 'DLL planting'
