# ipcfg.exe's version resource and application manifest, read back on real
# Windows the way the system and inventory tools read them (the same rules
# as tests/win/check_resources.py, which parses the bytes in every build):
#   - [System.Diagnostics.FileVersionInfo] (version.dll, what Explorer's
#     Properties -> Details and (Get-Item ipcfg.exe).VersionInfo show): the
#     file and product versions of project() in CMakeLists.txt, the company
#     and copyright of LICENSE's copyright line, the description, the
#     original file name ipcfg.exe;
#   - the RT_MANIFEST resource 1 (LoadLibraryEx as a data file,
#     FindResource): asInvoker without UI access, supportedOS for Windows 7,
#     8, 8.1 and 10/11, longPathAware true, no activeCodePage.
# The control: win_static_import.exe, which has neither, is rejected.
#
#   pwsh tests/ship/win/resources.ps1 -BuildDir build\msvc-x64
#
# SPDX-License-Identifier: MIT
param([Parameter(Mandatory)][string]$BuildDir)
. "$PSScriptRoot/common.ps1"

$root = Resolve-Path "$PSScriptRoot/../../.."
$m = Select-String -Path (Join-Path $root 'CMakeLists.txt') -Pattern 'project\(ipcfg VERSION ([0-9.]+)'
if (-not $m) { throw 'no project(ipcfg VERSION ...) in CMakeLists.txt' }
$version = $m.Matches[0].Groups[1].Value
$copyright = (Get-Content (Join-Path $root 'LICENSE') | Where-Object { $_ -match '^Copyright ' } | Select-Object -First 1)
$company = $copyright -replace '^Copyright (\([cC]\) )?[0-9, -]+ ', ''

Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
public static class IpcfgRes {
    [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    static extern IntPtr LoadLibraryExW(string path, IntPtr file, uint flags);
    [DllImport("kernel32.dll")] static extern bool FreeLibrary(IntPtr h);
    [DllImport("kernel32.dll")] static extern IntPtr FindResourceW(IntPtr h, IntPtr name, IntPtr type);
    [DllImport("kernel32.dll")] static extern uint SizeofResource(IntPtr h, IntPtr res);
    [DllImport("kernel32.dll")] static extern IntPtr LoadResource(IntPtr h, IntPtr res);
    [DllImport("kernel32.dll")] static extern IntPtr LockResource(IntPtr data);
    // RT_MANIFEST (24) resource 1, or null
    public static byte[] Manifest(string path) {
        IntPtr h = LoadLibraryExW(path, IntPtr.Zero, 0x2 /* LOAD_LIBRARY_AS_DATAFILE */);
        if (h == IntPtr.Zero) throw new Exception("cannot load " + path + " as a data file");
        try {
            IntPtr r = FindResourceW(h, (IntPtr)1, (IntPtr)24);
            if (r == IntPtr.Zero) return null;
            uint n = SizeofResource(h, r);
            IntPtr p = LockResource(LoadResource(h, r));
            byte[] b = new byte[n];
            Marshal.Copy(p, b, 0, (int)n);
            return b;
        } finally { FreeLibrary(h); }
    }
}
'@

# -> a list of what is wrong with EXE's resources (empty: all good)
function Test-Resources([string]$Exe) {
    $bad = @()
    $vi = [System.Diagnostics.FileVersionInfo]::GetVersionInfo($Exe)
    $want = [ordered]@{
        FileVersion = $version; ProductVersion = $version; CompanyName = $company
        FileDescription = 'ipcfg - ipconfig-style DHCP lease utility'; InternalName = 'ipcfg'
        LegalCopyright = $copyright; OriginalFilename = 'ipcfg.exe'; ProductName = 'ipcfg'
    }
    foreach ($k in $want.Keys) {
        if ($vi.$k -ne $want[$k]) { $bad += "$k is '$($vi.$k)', expected '$($want[$k])'" }
    }
    $parts = @($version.Split('.') | ForEach-Object { [int]$_ }) + @(0, 0, 0)
    $fixed = @($vi.FileMajorPart, $vi.FileMinorPart, $vi.FileBuildPart, $vi.FilePrivatePart) -join '.'
    if ($fixed -ne (($parts[0..2] + @(0)) -join '.')) { $bad += "binary file version $fixed" }
    $fixed = @($vi.ProductMajorPart, $vi.ProductMinorPart, $vi.ProductBuildPart, $vi.ProductPrivatePart) -join '.'
    if ($fixed -ne (($parts[0..2] + @(0)) -join '.')) { $bad += "binary product version $fixed" }

    $bytes = [IpcfgRes]::Manifest($Exe)
    if (-not $bytes) { return $bad + 'no RT_MANIFEST resource 1' }
    [xml]$x = [System.Text.Encoding]::UTF8.GetString($bytes).TrimStart([char]0xFEFF)
    $ns = [System.Xml.XmlNamespaceManager]::new($x.NameTable)
    $ns.AddNamespace('v3', 'urn:schemas-microsoft-com:asm.v3')
    $ns.AddNamespace('c', 'urn:schemas-microsoft-com:compatibility.v1')
    $ns.AddNamespace('ws', 'http://schemas.microsoft.com/SMI/2016/WindowsSettings')
    $lvl = @($x.SelectNodes('//v3:requestedExecutionLevel', $ns))
    if ($lvl.Count -ne 1 -or $lvl[0].level -ne 'asInvoker' -or $lvl[0].uiAccess -ne 'false') {
        $bad += 'requestedExecutionLevel is not asInvoker without UI access'
    }
    $ids = @($x.SelectNodes('//c:supportedOS', $ns) | ForEach-Object { $_.Id.ToLowerInvariant() } | Sort-Object)
    $wantIds = @('{1f676c76-80e1-4239-95bb-83d0f6d0da78}', '{35138b9a-5d96-4fbd-8e2d-a2440225f93a}',
                 '{4a2f28e3-53b9-4441-ba9c-d69d4a4a6e38}', '{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}')
    if (($ids -join ' ') -ne ($wantIds -join ' ')) { $bad += "supportedOS $($ids -join ' ')" }
    $lpa = @($x.SelectNodes('//ws:longPathAware', $ns))
    if ($lpa.Count -ne 1 -or $lpa[0].InnerText.Trim() -ne 'true') { $bad += 'longPathAware is not true' }
    if (@($x.SelectNodes("//*[local-name()='activeCodePage']")).Count -gt 0) { $bad += 'the manifest sets activeCodePage' }
    $bad
}

$exe = Find-BuildFile -Dir $BuildDir -Name 'ipcfg.exe'
$bad = @(Test-Resources $exe)
if ($bad.Count -gt 0) { Fail "$exe`: $($bad -join '; ')" }
else { Pass "$exe`: version $version, '$copyright', manifest asInvoker, Windows 7-11, longPathAware" }

$ctl = Find-BuildFile -Dir $BuildDir -Name 'win_static_import.exe'
if (@(Test-Resources $ctl).Count -gt 0) { Pass 'the check rejects win_static_import.exe (no resources)' }
else { Fail 'the control win_static_import.exe was not rejected' }

Exit-WithResult 'version resource and manifest'
