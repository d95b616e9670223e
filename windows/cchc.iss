; Inno Setup script: installs the one-folder build (dist\CCHC-Desktop) under Program Files, with Start-menu
; and desktop shortcuts. Built by the Windows pipeline:
;     iscc /DAppVersion=0.1.0 "/DSourceDir=%CD%\dist\CCHC-Desktop" windows\cchc.iss
; The data never goes under Program Files: the program keeps it in the user's own folder (or next to the
; program when cchc-portable.txt is there, for the portable copy on a USB stick).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\CCHC-Desktop"
#endif

[Setup]
AppId={{6C2D4E1A-3B5F-4C8E-9A7D-CC4C0D3E5B21}
AppName=CCHC Desktop
AppVersion={#AppVersion}
AppPublisher=Dự án CCHC Desktop
VersionInfoVersion={#AppVersion}
VersionInfoDescription=Cài đặt CCHC Desktop
DefaultDirName={autopf}\CCHC Desktop
DefaultGroupName=CCHC Desktop
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=CaiDat-CCHC-Desktop-{#AppVersion}
SetupIconFile=..\resources\icons\cchc.ico
UninstallDisplayIcon={app}\CCHC-Desktop.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
WizardStyle=modern

[Languages]
Name: "vi"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
vi.DesktopIcon=Tạo biểu tượng trên màn hình nền
vi.Shortcuts=Biểu tượng:
vi.LaunchNow=Mở CCHC Desktop ngay

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:Shortcuts}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\CCHC Desktop"; Filename: "{app}\CCHC-Desktop.exe"
Name: "{autodesktop}\CCHC Desktop"; Filename: "{app}\CCHC-Desktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\CCHC-Desktop.exe"; Description: "{cm:LaunchNow}"; Flags: nowait postinstall skipifsilent
