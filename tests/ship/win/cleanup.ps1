# Removes the smoke test's address (default 192.0.2.123) from whatever
# adapter holds it.  The workflow runs it with if: always(), so a failed or
# cancelled smoke step never leaves the address on the runner.
# SPDX-License-Identifier: MIT
param([string]$TestAddress = '192.0.2.123')
$ErrorActionPreference = 'Continue'
$a = Get-NetIPAddress -IPAddress $TestAddress -AddressFamily IPv4 -ErrorAction SilentlyContinue
if ($a) {
    Write-Host "removing $TestAddress from $($a.InterfaceAlias)"
    Remove-NetIPAddress -IPAddress $TestAddress -Confirm:$false -ErrorAction SilentlyContinue
    if (Get-NetIPAddress -IPAddress $TestAddress -AddressFamily IPv4 -ErrorAction SilentlyContinue) {
        Write-Host "FAIL: $TestAddress is still present"
        exit 1
    }
}
else {
    Write-Host "$TestAddress is not present"
}
exit 0
