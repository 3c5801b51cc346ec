"""`datagate init`, `datagate department …`, `datagate principal …`, `datagate role …`: the
same acts as the GraphQL mutations, done as a principal of the store (--as)."""
from __future__ import annotations

import typer

from gateway.cli.common import AS_OPTION, acting, fail, run_act, services, settings

department_app = typer.Typer(help="The city's departments (data authority).", no_args_is_help=True)
principal_app = typer.Typer(help="Apps, people, organisations, citizens (security admin).",
                            no_args_is_help=True)
role_app = typer.Typer(help="Roles of principals (security admin, §42).", no_args_is_help=True)


def init(authority_code: str = typer.Option(..., envvar="DATAGATE_INIT_AUTHORITY_CODE",
                                            help="Code of the data authority's department."),
         authority_name: str = typer.Option(..., envvar="DATAGATE_INIT_AUTHORITY_NAME",
                                            help="Its name, e.g. 市政务服务数据管理局."),
         authority_credit_code: str = typer.Option(
             ..., envvar="DATAGATE_INIT_AUTHORITY_CREDIT_CODE",
             help="Its unified social credit code (GB 32100)."),
         admin: str = typer.Option(..., envvar="DATAGATE_INIT_ADMIN",
                                   help="The first security administrator: the subject of "
                                        "their tokens at the identity provider."),
         admin_name: str = typer.Option("安全管理员", envvar="DATAGATE_INIT_ADMIN_NAME",
                                        help="Their display name.")):
    """Make an empty store ready: the data authority and a first security administrator."""
    from gateway.errors import REFUSALS
    from gateway.workflows.bootstrap import initialize

    settings_ = settings(creates_data_dir=True)
    services_ = services(settings_)
    try:
        initialize(services_, authority_code=authority_code, authority_name=authority_name,
                   authority_credit_code=authority_credit_code, admin=admin,
                   admin_display_name=admin_name)
    except REFUSALS as exc:
        fail(exc.message, code=exc.code)
    typer.echo(f"store initialized: department {authority_code} is the data authority; "
               f"{admin} is its security administrator.")
    typer.echo(NEXT_STEPS.format(admin=admin, authority=authority_code))


NEXT_STEPS = """
Next steps (docs/deploying.md has them in full):
  1. {admin} registers the data authority's operator and gives them the role:
       datagate principal register shuju-operator --name 平台运营 --kind PERSON --department {authority} --as {admin}
       datagate role assign shuju-operator data_authority --as {admin}
  2. The operator adds departments; {admin} registers their stewards and apps:
       datagate department create renshe --name 市人力资源和社会保障局 --credit-code <code> --as shuju-operator
  3. A steward registers the department's source database and drafts a catalog entry from a
     table (datagate source …), or imports the catalog from a spreadsheet (datagate catalog import).
  4. The data authority reviews and publishes; share requests and grants follow.
Then start the gateway: datagate serve"""


@department_app.command("create")
def department_create(code: str, name: str = typer.Option(..., help="e.g. 市民政局"),
                      credit_code: str = typer.Option(..., help="GB 32100 credit code"),
                      as_: str = AS_OPTION):
    """Add a department."""
    from gateway.workflows import departments

    services_ = services()
    d = run_act(services_, acting(services_, as_), "CREATE_DEPARTMENT", departments.create, code,
                name, credit_code)
    typer.echo(f"department {d.code} ({d.name}) created")


@department_app.command("rename")
def department_rename(code: str, name: str = typer.Option(None, help="The new name."),
                      credit_code: str = typer.Option(None, help="A corrected credit code."),
                      contact_email: str = typer.Option(
                          None, help="Public contact e-mail for open data (\"\" clears it)."),
                      contact_phone: str = typer.Option(
                          None, help="Public contact telephone, e.g. +86-757-83000000."),
                      as_: str = AS_OPTION):
    """Rename a department, correct its credit code or set its public contact."""
    from gateway.workflows import departments

    services_ = services()
    d = run_act(services_, acting(services_, as_), "UPDATE_DEPARTMENT", departments.update, code,
                name=name, credit_code=credit_code, contact_email=contact_email,
                contact_phone=contact_phone)
    contact = " ".join(c for c in (d.contact_email, d.contact_phone) if c)
    typer.echo(f"department {d.code}: {d.name}, credit code {d.credit_code}"
               + (f", contact {contact}" if contact else ""))


@department_app.command("deactivate")
def department_deactivate(code: str, reason: str = typer.Option(..., help="Why (audited)."),
                          as_: str = AS_OPTION):
    """Deactivate a department: its principals are refused at once."""
    from gateway.workflows import departments

    services_ = services()
    run_act(services_, acting(services_, as_), "SET_DEPARTMENT_ACTIVE", departments.set_active,
            code, False, reason)
    typer.echo(f"department {code} deactivated")


@department_app.command("activate")
def department_activate(code: str, as_: str = AS_OPTION):
    """Reactivate a department."""
    from gateway.workflows import departments

    services_ = services()
    run_act(services_, acting(services_, as_), "SET_DEPARTMENT_ACTIVE", departments.set_active,
            code, True)
    typer.echo(f"department {code} active")


@department_app.command("list")
def department_list():
    """Every department."""
    from gateway.workflows import departments

    for d in departments.list_departments(services()):
        flags = ("data authority " if d.is_data_authority else "") + ("" if d.active else "INACTIVE")
        typer.echo(f"{d.code:<16} {d.credit_code or '-':<18} {d.name} {flags}".rstrip())


@principal_app.command("register")
def principal_register(name: str, display_name: str = typer.Option(..., "--name"),
                       kind: str = typer.Option(..., help="APP, PERSON, ORGANIZATION or CITIZEN"),
                       department: str = typer.Option(None),
                       id_number: str = typer.Option(None, help="A citizen's ID number."),
                       credit_code: str = typer.Option(None, help="An organisation's credit code."),
                       as_: str = AS_OPTION):
    """Register a principal (the subject of its tokens) with no roles."""
    from gateway.workflows import principal_admin

    services_ = services()
    p = run_act(services_, acting(services_, as_), "REGISTER_PRINCIPAL", principal_admin.register,
                name, display_name, kind.upper(), department, id_number, credit_code)
    typer.echo(f"principal {p.name} ({p.kind}) registered")


@principal_app.command("rename")
def principal_rename(name: str, display_name: str = typer.Option(..., "--name"),
                     as_: str = AS_OPTION):
    """Change a principal's display name."""
    from gateway.workflows import principal_admin

    services_ = services()
    run_act(services_, acting(services_, as_), "UPDATE_PRINCIPAL",
            principal_admin.set_display_name, name, display_name)
    typer.echo(f"principal {name} is now {display_name}")


@principal_app.command("deactivate")
def principal_deactivate(name: str, reason: str = typer.Option(..., help="Why (audited)."),
                         as_: str = AS_OPTION):
    """Deactivate a principal: refused at once on every gateway process."""
    from gateway.workflows import principal_admin

    services_ = services()
    run_act(services_, acting(services_, as_), "SET_PRINCIPAL_ACTIVE", principal_admin.set_active,
            name, False, reason)
    typer.echo(f"principal {name} deactivated")


@principal_app.command("activate")
def principal_activate(name: str, as_: str = AS_OPTION):
    """Reactivate a principal."""
    from gateway.workflows import principal_admin

    services_ = services()
    run_act(services_, acting(services_, as_), "SET_PRINCIPAL_ACTIVE", principal_admin.set_active,
            name, True)
    typer.echo(f"principal {name} active")


@principal_app.command("list")
def principal_list(department: str = typer.Option(None), as_: str = AS_OPTION):
    """Registered principals (security admin, auditor)."""
    from gateway.workflows import principal_admin

    services_ = services()
    for p in run_act(services_, acting(services_, as_), "LIST_PRINCIPALS",
                     principal_admin.list_principals, department):
        roles = ",".join(sorted(r.role for r in p.roles)) or "-"
        typer.echo(f"{p.name:<24} {p.kind:<12} {p.department_code or '-':<12} {roles:<24} "
                   f"{'' if p.active else 'INACTIVE '}{p.display_name}")


@role_app.command("assign")
def role_assign(principal: str, role: str, as_: str = AS_OPTION):
    """Give a principal a role."""
    from gateway.workflows import roles

    services_ = services()
    p = run_act(services_, acting(services_, as_), "ASSIGN_ROLE", roles.assign, principal, role)
    typer.echo(f"{p.name}: {', '.join(sorted(r.role for r in p.roles))}")


@role_app.command("remove")
def role_remove(principal: str, role: str, as_: str = AS_OPTION):
    """Withdraw a role."""
    from gateway.workflows import roles

    services_ = services()
    p = run_act(services_, acting(services_, as_), "REMOVE_ROLE", roles.remove, principal, role)
    typer.echo(f"{p.name}: {', '.join(sorted(r.role for r in p.roles)) or 'no roles'}")
