; Per-user installer of CRTE Desktop (no administrator rights), built by packaging/windows/build.sh with
; Debian's makensis:  makensis -DVERSION=0.1.0 -DSRC=<bundle folder> -DOUT=<setup.exe> installer.nsi
; - installs into %LOCALAPPDATA%\Programs\CRTE Desktop, Start-menu entry, .crte association in HKCU;
; - an upgrade (N -> N+1) removes the old program files first, then writes the new ones;
; - uninstalling removes the program only: the user's .crte files and settings (%APPDATA%\CRTE Desktop)
;   and data (%LOCALAPPDATA%\CRTE Desktop) are never touched.
Unicode true
Target amd64-unicode
!ifdef FAST_COMPRESSION ; the upgrade test's second installer only
  SetCompressor zlib
!else
  SetCompressor /SOLID lzma
  SetCompressorDictSize 32
!endif
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION
  !define VERSION 0.0.0
!endif
!define APP "CRTE Desktop"
!define EXE "crte-desktop.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\CRTEDesktop"
!define PROGID "CRTEDesktop.Workspace"

Name "${APP}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1036 "ProductName" "${APP}"
VIAddVersionKey /LANG=1036 "FileDescription" "Installation de ${APP}"
VIAddVersionKey /LANG=1036 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "LegalCopyright" "Licence MIT"

!include "MUI2.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Lancer ${APP}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${LICENSE}"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "French"

!macro RemoveProgramFiles
  ; only what the installer writes: never the user's files
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\crte-desktop.exe"
  Delete "$INSTDIR\crte-desktop-cli.exe"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\uninstall.exe"
!macroend

Section "${APP}" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  !insertmacro RemoveProgramFiles ; upgrade: no file of the old version stays
  File /r "${SRC}\*.*"
  File "/oname=LICENSE.txt" "${LICENSE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  ; .crte files open with CRTE Desktop (per user: HKCU\Software\Classes)
  WriteRegStr HKCU "Software\Classes\.crte" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.crte" "Content Type" "application/x-crte-workspace"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Espace de travail CRTE Desktop"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\${EXE}",0'
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "Les contributeurs de CRTE Desktop"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" '"$INSTDIR\${EXE}",0'
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" ${SIZE_KB}
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro RemoveProgramFiles
  RMDir "$INSTDIR" ; only when empty: a file the user put there stays
  Delete "$SMPROGRAMS\${APP}.lnk"
  ReadRegStr $0 HKCU "Software\Classes\.crte" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.crte"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
