# Shared helpers of the Windows checks that the GitHub Actions workflow runs
# on real Windows (tests/ship/win/*.ps1).  Dot-source it.
# SPDX-License-Identifier: MIT

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$script:Failures = 0

function Fail([string]$Message) {
    Write-Host "FAIL: $Message"
    $script:Failures++
}

function Pass([string]$Message) {
    Write-Host "ok: $Message"
}

# Runs EXE with each argument passed as it is (no shell, no re-quoting).
# Returns an object with Out, Err (strings) and Code.
function Invoke-Native {
    param([Parameter(Mandatory)][string]$Exe, [string[]]$Arguments = @(), [string]$WorkingDirectory = $PWD.Path,
          [int]$TimeoutSeconds = 120)
    $psi = [System.Diagnostics.ProcessStartInfo]::new($Exe)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardInput = $true
    $psi.WorkingDirectory = $WorkingDirectory
    $p = [System.Diagnostics.Process]::Start($psi)
    $p.StandardInput.Close()
    $outTask = $p.StandardOutput.ReadToEndAsync()
    $errTask = $p.StandardError.ReadToEndAsync()
    if (-not $p.WaitForExit($TimeoutSeconds * 1000)) {
        $p.Kill($true)
        throw "$Exe $($Arguments -join ' '): no exit within $TimeoutSeconds s"
    }
    $p.WaitForExit()
    [pscustomobject]@{ Out = $outTask.Result; Err = $errTask.Result; Code = $p.ExitCode }
}

function Show-Result($r) {
    Write-Host '---- stdout'
    Write-Host $r.Out
    Write-Host '---- stderr'
    Write-Host $r.Err
    Write-Host "---- exit $($r.Code)"
}

# The first file named NAME below DIR, outside CMake's own folders; with
# -Under, only one whose path contains that folder name.
function Find-BuildFile {
    param([Parameter(Mandatory)][string]$Dir, [Parameter(Mandatory)][string]$Name, [string]$Under = '')
    $f = Get-ChildItem -Path $Dir -Recurse -File -Filter $Name |
        Where-Object { $_.FullName -notmatch '[\\/]CMakeFiles[\\/]' } |
        Where-Object { -not $Under -or $_.FullName -match ('[\\/]' + [regex]::Escape($Under) + '[\\/]') } |
        Select-Object -First 1
    if (-not $f) { throw "no $Name below $Dir" }
    $f.FullName
}

function Exit-WithResult([string]$What) {
    if ($script:Failures -gt 0) {
        Write-Host "$What`: $($script:Failures) check(s) failed"
        exit 1
    }
    Write-Host "$What`: all checks passed"
    exit 0
}
